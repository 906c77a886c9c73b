import { BankReferenceEvent } from './bank-reference/bank-reference.decider';
import { BankStatementEvent } from './bank-statement/bank-statement.decider';
import { BudgetEvent } from './budget/budget.events';
import { RemittanceEvent } from './remittance/remittance.decider';
import { PayeeAccountEvent } from './payee-account/payee-account.decider';
import { PaymentBatchEvent, TrancheBatchEvent } from './payment-batch/payment-batch.decider';
import { CaseEvent } from './case/case.events';
import { EffectiveSeatEvent } from './effective-seat/effective-seat.events';
import { EnterpriseEvent } from './enterprise/enterprise.events';
import { InternshipEvent } from './internship/internship.events';
import { PersonEvent } from './person/person.events';
import { PremisesEvent } from './premises/premises.decider';
import { PublicityEvent } from './publicity/publicity.events';
import { SchoolEvent } from './school/school.decider';
import { SeatApplicationEvent } from './seat-application/seat-application.events';
import { SiteEvent } from './site/site.events';

/** Every event the ledger writes, as `{ type, data }`. */
export type LedgerEvent =
  | EnterpriseEvent
  | SeatApplicationEvent
  | PersonEvent
  | PublicityEvent
  | BankReferenceEvent
  | CaseEvent
  | EffectiveSeatEvent
  | SiteEvent
  | PremisesEvent
  | SchoolEvent
  | InternshipEvent
  | BudgetEvent
  | PayeeAccountEvent
  | PaymentBatchEvent
  | TrancheBatchEvent
  | BankStatementEvent
  | RemittanceEvent;
export type LedgerEventType = LedgerEvent['type'];

/** Stream names. No raw ID number ever goes into one: persons are keyed by an HMAC. */
export const streams = {
  enterprise: (enterpriseId: string) => `enterprise-${enterpriseId}`,
  seatApplication: (applicationId: string) => `seat-application-${applicationId}`,
  person: (personKey: string) => `person-${personKey}`,
  publicity: (publicityId: string) => `publicity-${publicityId}`,
  bankReference: (bankRefKey: string) => `bank-reference-${bankRefKey}`,
  case: (caseId: string) => `case-${caseId}`,
  /** R-EFF recognitions and R-SITE-LEASE seat counts of one enterprise. */
  effectiveSeats: (enterpriseId: string) => `effective-seats-${enterpriseId}`,
  site: (siteId: string) => `site-${siteId}`,
  /** R-SITE-1: keyed by a hash of the normalised address. */
  premises: (premisesKey: string) => `premises-${premisesKey}`,
  school: (schoolId: string) => `school-${schoolId}`,
  internshipApplication: (applicationId: string) => `internship-application-${applicationId}`,
  /** R-BUDGET (ADR 0019): one appropriation, `{programme}-{fiscalYear}`. */
  budget: (budgetId: string) => `budget-${budgetId}`,
  /** Issue #14: the verified bank accounts of one enterprise or school. */
  paymentBatch: (batchId: string) => `payment-batch-${batchId}`,
  /** A tranche is in one open payment batch at most. */
  trancheBatch: (trancheId: string) => `tranche-batch-${trancheId}`,
  /** Keyed by the sha256 of the statement's content: imported once. */
  bankStatement: (hash: string) => `bank-statement-${hash}`,
  /** Recovered money remitted to the treasury, per fiscal year. */
  remittances: (fiscalYear: number) => `remittances-${fiscalYear}`,
  payeeAccounts: (kind: 'enterprise' | 'school', id: string) => `payee-accounts-${kind}-${id}`,
} as const;

export const STREAM_PREFIXES = [
  'enterprise-',
  'seat-application-',
  'person-',
  'publicity-',
  'bank-reference-',
  'case-',
  'effective-seats-',
  'site-',
  'premises-',
  'school-',
  'internship-application-',
  'budget-',
  'payee-accounts-',
  'payment-batch-',
  'tranche-batch-',
  'bank-statement-',
  'remittances-',
];
