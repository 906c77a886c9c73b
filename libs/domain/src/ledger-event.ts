import { BankReferenceEvent } from './bank-reference/bank-reference.decider';
import { CaseEvent } from './case/case.events';
import { EnterpriseEvent } from './enterprise/enterprise.events';
import { PersonEvent } from './person/person.events';
import { PublicityEvent } from './publicity/publicity.events';
import { SeatApplicationEvent } from './seat-application/seat-application.events';

/** Every event the ledger writes, as `{ type, data }`. */
export type LedgerEvent =
  | EnterpriseEvent
  | SeatApplicationEvent
  | PersonEvent
  | PublicityEvent
  | BankReferenceEvent
  | CaseEvent;
export type LedgerEventType = LedgerEvent['type'];

/** Stream names. No raw ID number ever goes into one: persons are keyed by an HMAC. */
export const streams = {
  enterprise: (enterpriseId: string) => `enterprise-${enterpriseId}`,
  seatApplication: (applicationId: string) => `seat-application-${applicationId}`,
  person: (personKey: string) => `person-${personKey}`,
  publicity: (publicityId: string) => `publicity-${publicityId}`,
  bankReference: (bankRefKey: string) => `bank-reference-${bankRefKey}`,
  case: (caseId: string) => `case-${caseId}`,
} as const;

export const STREAM_PREFIXES = [
  'enterprise-',
  'seat-application-',
  'person-',
  'publicity-',
  'bank-reference-',
  'case-',
];
