import { budgetViewProjection } from './budget-view.projection';
import { remittanceViewProjection } from './remittance-view.projection';
import { programmeYearProjection } from './programme-year.projection';
import { caseTraceProjection } from './case-trace.projection';
import { clawbackAgeingProjection } from './clawback-ageing.projection';
import { disbursementViewProjection } from './disbursement-view.projection';
import { duplicateClaimsProjection } from './duplicate-claims.projection';
import { enterpriseBalanceProjection } from './enterprise-balance.projection';
import { enterpriseRecordProjection } from './enterprise-record.projection';
import { fundUseProjection } from './fund-use.projection';
import { openProcessesProjection } from './open-processes.projection';
import { personCapProjection } from './person-cap.projection';
import { Projection } from './read-model';
import { publicityViewProjection } from './publicity-view.projection';
import { seatApplicationViewProjection } from './seat-application-view.projection';
import { effectiveSeatsViewProjection } from './effective-seats-view.projection';
import { internshipApplicationViewProjection } from './internship-application-view.projection';
import { schoolBalanceProjection } from './school-balance.projection';
import { schoolClawbackAgeingProjection } from './school-clawback-ageing.projection';
import { siteApplicationViewProjection } from './site-application-view.projection';
import { specialTermsViewProjection } from './special-terms-view.projection';
import {
  internshipApplicationListProjection,
  seatApplicationListProjection,
  siteApplicationListProjection,
} from './work-lists/application-list.projection';
import { auditEventIndexProjection } from './work-lists/audit-event-index.projection';
import {
  caseListProjection,
  publicityListProjection,
} from './work-lists/notice-and-case-list.projection';
import { enterpriseListProjection, schoolListProjection } from './work-lists/party-list.projection';
import {
  paymentBatchListProjection,
  paymentBatchViewProjection,
} from './work-lists/payment-batch-list.projection';
import { paymentBatchItemViewProjection } from './work-lists/payment-batch-item-view.projection';
import { trancheListProjection } from './work-lists/tranche-list.projection';

/** Every read model of the ledger; each store applies all of them. */
export const LEDGER_PROJECTIONS: readonly Projection[] = [
  enterpriseBalanceProjection,
  personCapProjection,
  duplicateClaimsProjection,
  seatApplicationViewProjection,
  publicityViewProjection,
  disbursementViewProjection,
  openProcessesProjection,
  caseTraceProjection,
  clawbackAgeingProjection,
  fundUseProjection,
  enterpriseRecordProjection,
  // Issue #7: effective seats, site subsidies, internship rewards, special terms.
  schoolBalanceProjection,
  siteApplicationViewProjection,
  internshipApplicationViewProjection,
  effectiveSeatsViewProjection,
  specialTermsViewProjection,
  // R-FRAUD (amended): cases against schools.
  schoolClawbackAgeingProjection,
  // Issue #13: work lists (ADR 0017).
  enterpriseListProjection,
  schoolListProjection,
  seatApplicationListProjection,
  siteApplicationListProjection,
  internshipApplicationListProjection,
  trancheListProjection,
  publicityListProjection,
  caseListProjection,
  auditEventIndexProjection,
  // Issue #14: budgets and their execution (ADR 0019).
  budgetViewProjection,
  remittanceViewProjection,
  // Issue #14: the programme-year report.
  programmeYearProjection,
  // Issue #14 point 7: payment batches as a work list.
  paymentBatchListProjection,
  paymentBatchViewProjection,
  paymentBatchItemViewProjection,
];
