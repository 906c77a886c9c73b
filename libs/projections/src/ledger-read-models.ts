import type { BudgetView } from './budget-view.projection';
import type { RemittanceView } from './remittance-view.projection';
import type { ProgrammeYearReport } from './queries/programme-year.query';
import { CaseTraceView } from './case-trace.projection';
import { ClawbackAgeing, ClawbackAgeingQuery } from './clawback-ageing.projection';
import { DisbursementView } from './disbursement-view.projection';
import { DuplicateClaimRow } from './duplicate-claims.projection';
import { EnterpriseRecordView } from './enterprise-record.projection';
import { FundUseTotals } from './fund-use.projection';
import { OpenProcessView } from './open-processes.projection';
import { PublicityView } from './publicity-view.projection';
import { SeatApplicationView } from './seat-application-view.projection';
import { EffectiveSeatsView } from './effective-seats-view.projection';
import { InternshipApplicationView } from './internship-application-view.projection';
import { SchoolBalance } from './school-balance.projection';
import {
  SchoolClawbackAgeing,
  SchoolClawbackAgeingQuery,
} from './school-clawback-ageing.projection';
import { SiteApplicationView } from './site-application-view.projection';
import { SpecialTermsView } from './special-terms-view.projection';
import type { WorkListQueries } from './queries/work-lists.query';

export interface BalanceFigures {
  approvedFen: number;
  disbursedFen: number;
  clawbackDueFen: number;
  recoveredFen: number;
}

export interface EnterpriseBalance {
  /** Always has `seat`; other programmes appear once they have an entry. */
  programmes: Record<string, BalanceFigures>;
  /** The sum over `programmes`. */
  totals: BalanceFigures;
}

export interface PersonCapUsage {
  usedFen: number;
  /** Enterprises with a non-zero share, by enterprise id. */
  byEnterprise: { enterpriseId: string; usedFen: number }[];
}

export interface DuplicateClaimsQuery {
  /** Only the claims this enterprise made. */
  enterpriseId?: string;
  /** 1..DUPLICATE_CLAIMS_LIMIT_MAX, default 100. */
  limit?: number;
  /** Only rows after this global position (for paging). */
  afterPosition?: number;
}

export const READ_MODEL_LIMITS = {
  pageSizeDefault: 100,
  pageSizeMax: 1_000,
} as const;

/**
 * What the API asks of the read models, whatever stores them (embedded SQLite,
 * Redis). Every answer reflects the events up to `checkpoint()`.
 */
export interface LedgerReadModels {
  /** The last global position every read model has processed (0 when none). */
  checkpoint(): Promise<number>;
  /** The work lists (API.md "Work lists", ADR 0017). */
  readonly workLists: WorkListQueries;
  /**
   * Sums of the enterprise's movements with `businessDate <= asOf` and, when
   * given, `recordedAt <= asKnownAt` (ISO-8601; compared in UTC).
   */
  enterpriseBalance(
    enterpriseId: string,
    asOf: string,
    asKnownAt?: string,
  ): Promise<EnterpriseBalance>;
  personCap(personKey: string, asOf?: string, asKnownAt?: string): Promise<PersonCapUsage>;
  seatApplication(applicationId: string): Promise<SeatApplicationView | undefined>;
  publicity(publicityId: string): Promise<PublicityView | undefined>;
  disbursement(disbursementId: string): Promise<DisbursementView | undefined>;
  /** Oldest first. */
  duplicateClaims(options?: DuplicateClaimsQuery): Promise<DuplicateClaimRow[]>;
  /** Oldest first; `limit` 1..1000, default 100. */
  openProcesses(limit?: number): Promise<OpenProcessView[]>;
  /** R-FRAUD: finding → claims → tranches → payments → recoveries of one case. */
  caseTrace(caseId: string): Promise<CaseTraceView | undefined>;
  /** Art. 13: the enterprise's record of cases; undefined when it never had one. */
  enterpriseRecord(enterpriseId: string): Promise<EnterpriseRecordView | undefined>;
  /** R-SEAT-7: the spending an enterprise reported on or before `asOf` (`fundUseTotals`). */
  fundUses(enterpriseId: string, asOf: string): Promise<FundUseTotals>;
  /** Outstanding clawbacks of one enterprise as of `asOf`, by age (`ageClawbacks`; zeros when none). */
  clawbackAgeing(enterpriseId: string, asOf: string): Promise<ClawbackAgeing>;
  /** Every enterprise with clawbacks outstanding as of `asOf`, by id (`clawbackAgeingPage`). */
  clawbackAgeingAll(query: ClawbackAgeingQuery): Promise<ClawbackAgeing[]>;
  /** R-FRAUD (amended): a school's outstanding clawbacks as of `asOf`, by age (zeros when none). */
  schoolClawbackAgeing(schoolId: string, asOf: string): Promise<SchoolClawbackAgeing>;
  /** Every school with clawbacks outstanding as of `asOf`, by id (`schoolClawbackAgeingPage`). */
  schoolClawbackAgeingAll(query: SchoolClawbackAgeingQuery): Promise<SchoolClawbackAgeing[]>;

  // ---- issue #7: effective seats, site subsidies, internship rewards, special terms ----

  /** R-INT: a school's internship rewards as of a business date (and as known at a time), `schoolBalanceOf`. */
  schoolBalance(schoolId: string, asOf: string, asKnownAt?: string): Promise<SchoolBalance>;
  siteApplication(siteId: string): Promise<SiteApplicationView | undefined>;
  internshipApplication(applicationId: string): Promise<InternshipApplicationView | undefined>;
  /** R-EFF: the enterprise's recognitions; the count on a date is `effectiveSeatsAsOf`. */
  effectiveSeats(enterpriseId: string): Promise<EffectiveSeatsView | undefined>;
  /** R-SPECIAL: the enterprise's special terms, proposed and confirmed. */
  specialTerms(enterpriseId: string): Promise<SpecialTermsView | undefined>;
  /** R-BUDGET (ADR 0019): one appropriation, `{programme}-{fiscalYear}`, and its execution. */
  budget(budgetId: string): Promise<BudgetView | undefined>;
  /** Recovered in a fiscal year and remitted to the treasury (issue #14). */
  remittances(fiscalYear: number): Promise<RemittanceView | undefined>;
  /** The programme-year report's figures (issue #14), `programmeYearReport`. */
  programmeYear(fiscalYear: number): Promise<ProgrammeYearReport>;
}
