import { STATUS_CODES } from 'node:http';

/** The one error shape of the API (API.md "Conventions"). */
export interface ErrorBody {
  statusCode: number;
  /** The HTTP reason phrase, e.g. `Unprocessable Entity`. */
  error: string;
  message: string;
  /** The rule id from RULES.md that refused the request, e.g. `R-SEAT-5`. */
  rule?: string;
  /** The policy article the rule comes from (`第七条`); in Chinese bodies only. */
  article?: string;
  details?: unknown;
}

export const reasonPhrase = (statusCode: number): string => STATUS_CODES[statusCode] ?? 'Error';
