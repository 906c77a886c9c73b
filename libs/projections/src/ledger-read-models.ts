import { DisbursementView } from './disbursement-view.projection';
import { DuplicateClaimRow } from './duplicate-claims.projection';
import { OpenProcessView } from './open-processes.projection';
import { PublicityView } from './publicity-view.projection';
import { SeatApplicationView } from './seat-application-view.projection';

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
}
