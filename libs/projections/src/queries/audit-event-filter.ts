import { invalidInput } from '@ledger/domain';
import { AuditEventIndexRow } from '../work-lists/audit-event-index.projection';
import { compareBinary } from './compare-binary';

/** One page of the audit log past `after`, at most `limit` events, by the filters but the stream's. */
export interface AuditEventPageQuery {
  enterpriseId?: string;
  type?: string;
  fromRecorded?: string;
  toRecorded?: string;
  after: number;
  limit: number;
}

/** The audit log's filters (`GET /v1/audit/events`) as one row of the event index is checked against them. */
export function auditRowMatches(
  row: AuditEventIndexRow,
  q: {
    stream?: string;
    enterpriseId?: string;
    type?: string;
    fromRecorded?: string;
    toRecorded?: string;
  },
): boolean {
  if (q.stream !== undefined && row.stream !== q.stream) return false;
  if (q.enterpriseId !== undefined && row.enterpriseId !== q.enterpriseId) return false;
  if (q.type !== undefined && row.type !== q.type) return false;
  if (q.fromRecorded !== undefined && compareBinary(row.recordedAt, q.fromRecorded) < 0)
    return false;
  if (q.toRecorded !== undefined && compareBinary(row.recordedAt, q.toRecorded) > 0) return false;
  return true;
}

/** A recorded-time bound in the index's form (UTC, milliseconds); 400 when it does not parse. */
export function recordedBound(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidInput(field, 'must be an ISO-8601 instant');
  return new Date(ms).toISOString();
}
