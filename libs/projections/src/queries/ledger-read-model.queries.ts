import { REMITTANCE_COLLECTION, RemittanceView } from '../remittance-view.projection';
import { BUDGET_COLLECTION, BudgetView } from '../budget-view.projection';
import { programmeYearReport, ProgrammeYearReport } from './programme-year.query';
import { CASE_TRACE_COLLECTION, CaseTraceView } from '../case-trace.projection';
import {
  ageClawbacks,
  CLAWBACK_ENTRIES_JOURNAL,
  ClawbackAgeing,
  ClawbackAgeingQuery,
  clawbackAgeingPage,
  ClawbackEntry,
  emptyAgeing,
} from '../clawback-ageing.projection';
import { DISBURSEMENT_COLLECTION, DisbursementView } from '../disbursement-view.projection';
import { DUPLICATE_CLAIMS_JOURNAL, DuplicateClaimRow } from '../duplicate-claims.projection';
import { EFFECTIVE_SEATS_COLLECTION, EffectiveSeatsView } from '../effective-seats-view.projection';
import { BALANCE_ENTRIES_JOURNAL } from '../enterprise-balance.projection';
import {
  ENTERPRISE_RECORD_COLLECTION,
  EnterpriseRecordView,
} from '../enterprise-record.projection';
import {
  FUND_USE_ENTRIES_JOURNAL,
  FundUseEntry,
  FundUseTotals,
  fundUseTotals,
} from '../fund-use.projection';
import {
  INTERNSHIP_APPLICATION_COLLECTION,
  InternshipApplicationView,
} from '../internship-application-view.projection';
import {
  DuplicateClaimsQuery,
  EnterpriseBalance,
  LedgerReadModels,
  PersonCapUsage,
} from '../ledger-read-models';
import { OPEN_PROCESS_COLLECTION, OpenProcessView } from '../open-processes.projection';
import { PERSON_CAP_ENTRIES_JOURNAL } from '../person-cap.projection';
import { PUBLICITY_COLLECTION, PublicityView } from '../publicity-view.projection';
import {
  assertBusinessDate,
  assertNonNegativeInteger,
  knownAtParameter,
  pageLimit,
} from '../read-model-arguments';
import {
  SCHOOL_BALANCE_ENTRIES_JOURNAL,
  SchoolBalance,
  schoolBalanceOf,
  SchoolBalanceEntry,
} from '../school-balance.projection';
import {
  ageSchoolClawbacks,
  emptySchoolAgeing,
  SCHOOL_CLAWBACK_ENTRIES_JOURNAL,
  SchoolClawbackAgeing,
  SchoolClawbackAgeingQuery,
  schoolClawbackAgeingPage,
  SchoolClawbackEntry,
} from '../school-clawback-ageing.projection';
import {
  SEAT_APPLICATION_COLLECTION,
  SeatApplicationView,
} from '../seat-application-view.projection';
import {
  SITE_APPLICATION_COLLECTION,
  SiteApplicationView,
} from '../site-application-view.projection';
import { SPECIAL_TERMS_COLLECTION, SpecialTermsView } from '../special-terms-view.projection';
import { BalanceRow, enterpriseBalanceOf } from './enterprise-balance.query';
import { PersonCapRow, personCapOf } from './person-cap.query';
import { ReadModelFetcher } from './read-model.fetcher';
import { WorkListQueries } from './work-lists.query';

/**
 * Every query of `LedgerReadModels`, written once for every store: the
 * arguments are checked here, the rows or documents come from the store's
 * fetcher, and the answer is a pure function of them. A store adds how it
 * writes and where its checkpoint is.
 */
export abstract class LedgerReadModelQueries implements LedgerReadModels {
  /** The work lists (API.md "Work lists", ADR 0017). */
  readonly workLists: WorkListQueries;

  protected constructor(private readonly fetcher: ReadModelFetcher) {
    this.workLists = new WorkListQueries(fetcher);
  }

  abstract checkpoint(): Promise<number>;

  async enterpriseBalance(
    enterpriseId: string,
    asOf: string,
    asKnownAt?: string,
  ): Promise<EnterpriseBalance> {
    assertBusinessDate('asOf', asOf);
    const knownAt = knownAtParameter(asKnownAt);
    const rows = await this.fetcher.journalRows<BalanceRow>(
      { journal: BALANCE_ENTRIES_JOURNAL, where: { field: 'enterpriseId', value: enterpriseId } },
      asOf,
    );
    return enterpriseBalanceOf(rows, asOf, knownAt);
  }

  async personCap(personKey: string, asOf?: string, asKnownAt?: string): Promise<PersonCapUsage> {
    if (asOf !== undefined) assertBusinessDate('asOf', asOf);
    const knownAt = knownAtParameter(asKnownAt);
    const rows = await this.fetcher.journalRows<PersonCapRow>(
      { journal: PERSON_CAP_ENTRIES_JOURNAL, where: { field: 'personKey', value: personKey } },
      asOf,
    );
    return personCapOf(rows, asOf, knownAt);
  }

  async seatApplication(applicationId: string): Promise<SeatApplicationView | undefined> {
    return this.fetcher.document<SeatApplicationView>(SEAT_APPLICATION_COLLECTION, applicationId);
  }

  async publicity(publicityId: string): Promise<PublicityView | undefined> {
    return this.fetcher.document<PublicityView>(PUBLICITY_COLLECTION, publicityId);
  }

  async disbursement(disbursementId: string): Promise<DisbursementView | undefined> {
    return this.fetcher.document<DisbursementView>(DISBURSEMENT_COLLECTION, disbursementId);
  }

  async duplicateClaims(options: DuplicateClaimsQuery = {}): Promise<DuplicateClaimRow[]> {
    const limit = pageLimit(options.limit);
    const afterPosition = options.afterPosition ?? 0;
    assertNonNegativeInteger('afterPosition', afterPosition);
    const where =
      options.enterpriseId === undefined
        ? undefined
        : { field: 'enterpriseId', value: options.enterpriseId };
    return this.fetcher.journalPage<DuplicateClaimRow>(
      { journal: DUPLICATE_CLAIMS_JOURNAL, where },
      afterPosition,
      limit,
    );
  }

  async openProcesses(limit?: number): Promise<OpenProcessView[]> {
    return this.fetcher.documentsByPosition<OpenProcessView>(
      OPEN_PROCESS_COLLECTION,
      pageLimit(limit),
    );
  }

  async caseTrace(caseId: string): Promise<CaseTraceView | undefined> {
    return this.fetcher.document<CaseTraceView>(CASE_TRACE_COLLECTION, caseId);
  }

  async enterpriseRecord(enterpriseId: string): Promise<EnterpriseRecordView | undefined> {
    return this.fetcher.document<EnterpriseRecordView>(ENTERPRISE_RECORD_COLLECTION, enterpriseId);
  }

  async fundUses(enterpriseId: string, asOf: string): Promise<FundUseTotals> {
    assertBusinessDate('asOf', asOf);
    const rows = await this.fetcher.journalRows<FundUseEntry>(
      { journal: FUND_USE_ENTRIES_JOURNAL, where: { field: 'enterpriseId', value: enterpriseId } },
      asOf,
    );
    return fundUseTotals(rows, asOf);
  }

  async clawbackAgeing(enterpriseId: string, asOf: string): Promise<ClawbackAgeing> {
    assertBusinessDate('asOf', asOf);
    const rows = await this.fetcher.journalRows<ClawbackEntry>(
      { journal: CLAWBACK_ENTRIES_JOURNAL, where: { field: 'enterpriseId', value: enterpriseId } },
      asOf,
    );
    return ageClawbacks(rows, asOf)[0] ?? emptyAgeing(enterpriseId);
  }

  async clawbackAgeingAll(query: ClawbackAgeingQuery): Promise<ClawbackAgeing[]> {
    assertBusinessDate('asOf', query.asOf);
    const limit = pageLimit(query.limit);
    const rows = await this.fetcher.journalRows<ClawbackEntry>(
      { journal: CLAWBACK_ENTRIES_JOURNAL },
      query.asOf,
    );
    return clawbackAgeingPage(rows, query, limit);
  }

  /** R-FRAUD (amended, ADR 0014): what a school owes back, aged as an enterprise's. */
  async schoolClawbackAgeing(schoolId: string, asOf: string): Promise<SchoolClawbackAgeing> {
    assertBusinessDate('asOf', asOf);
    const rows = await this.fetcher.journalRows<SchoolClawbackEntry>(
      { journal: SCHOOL_CLAWBACK_ENTRIES_JOURNAL, where: { field: 'schoolId', value: schoolId } },
      asOf,
    );
    return ageSchoolClawbacks(rows, asOf)[0] ?? emptySchoolAgeing(schoolId);
  }

  async schoolClawbackAgeingAll(query: SchoolClawbackAgeingQuery): Promise<SchoolClawbackAgeing[]> {
    assertBusinessDate('asOf', query.asOf);
    const limit = pageLimit(query.limit);
    const rows = await this.fetcher.journalRows<SchoolClawbackEntry>(
      { journal: SCHOOL_CLAWBACK_ENTRIES_JOURNAL },
      query.asOf,
    );
    return schoolClawbackAgeingPage(rows, query, limit);
  }

  async schoolBalance(schoolId: string, asOf: string, asKnownAt?: string): Promise<SchoolBalance> {
    assertBusinessDate('asOf', asOf);
    const knownAt = knownAtParameter(asKnownAt) ?? undefined;
    const rows = await this.fetcher.journalRows<SchoolBalanceEntry>(
      { journal: SCHOOL_BALANCE_ENTRIES_JOURNAL, where: { field: 'schoolId', value: schoolId } },
      asOf,
    );
    return schoolBalanceOf(rows, asOf, knownAt);
  }

  async siteApplication(siteId: string): Promise<SiteApplicationView | undefined> {
    return this.fetcher.document<SiteApplicationView>(SITE_APPLICATION_COLLECTION, siteId);
  }

  async internshipApplication(
    applicationId: string,
  ): Promise<InternshipApplicationView | undefined> {
    return this.fetcher.document<InternshipApplicationView>(
      INTERNSHIP_APPLICATION_COLLECTION,
      applicationId,
    );
  }

  async effectiveSeats(enterpriseId: string): Promise<EffectiveSeatsView | undefined> {
    return this.fetcher.document<EffectiveSeatsView>(EFFECTIVE_SEATS_COLLECTION, enterpriseId);
  }

  async specialTerms(enterpriseId: string): Promise<SpecialTermsView | undefined> {
    return this.fetcher.document<SpecialTermsView>(SPECIAL_TERMS_COLLECTION, enterpriseId);
  }

  async budget(budgetId: string): Promise<BudgetView | undefined> {
    return this.fetcher.document<BudgetView>(BUDGET_COLLECTION, budgetId);
  }

  async remittances(fiscalYear: number): Promise<RemittanceView | undefined> {
    return this.fetcher.document<RemittanceView>(REMITTANCE_COLLECTION, String(fiscalYear));
  }

  async programmeYear(fiscalYear: number): Promise<ProgrammeYearReport> {
    return programmeYearReport(this.fetcher, fiscalYear);
  }
}
