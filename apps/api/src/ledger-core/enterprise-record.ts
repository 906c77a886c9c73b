import { educationShareRule, EducationShare } from '@ledger/domain';
import { emptyEnterpriseRecord } from '@ledger/projections/enterprise-record.projection';
import { LedgerQueries } from './ledger-queries';

/** R-SEAT-7 for one enterprise as of a date, from the balance and the fund-use reports. */
export interface Compliance extends EducationShare {
  enterpriseId: string;
  asOf: string;
  /** Seat subsidy paid to the enterprise. */
  seatDisbursedFen: number;
  /** Of it, what findings made due back: not the enterprise's to keep. */
  seatClawbackDueFen: number;
  otherFen: number;
  reports: number;
}

/**
 * **Interpretation (R-SEAT-7):** the seat subsidy "received" is what was paid
 * less what findings made due back (disbursed − clawbackDue, as of the date):
 * money the enterprise must return is not subsidy it may spend, whether or
 * not it has come back yet.
 */
export async function complianceOf(
  queries: LedgerQueries,
  enterpriseId: string,
  asOf: string,
): Promise<Compliance> {
  const policy = queries.policies.inForceOn(asOf);
  const [balance, uses] = await Promise.all([
    queries.readModels.enterpriseBalance(enterpriseId, asOf),
    queries.readModels.fundUses(enterpriseId, asOf),
  ]);
  const seat = balance.programmes.seat;
  const seatReceivedFen = Math.max(0, seat.disbursedFen - seat.clawbackDueFen);
  return {
    enterpriseId,
    asOf,
    ...educationShareRule(seatReceivedFen, uses.educationFen, policy),
    seatDisbursedFen: seat.disbursedFen,
    seatClawbackDueFen: seat.clawbackDueFen,
    otherFen: uses.otherFen,
    reports: uses.reports,
  };
}

/**
 * Art. 13: the record a reviewer weighs on the enterprise's next application:
 * its cases and their outcomes, false claims, money due back and recovered,
 * a suspension in force, and its R-SEAT-7 compliance.
 */
export async function performanceOf(queries: LedgerQueries, enterpriseId: string, asOf: string) {
  const record =
    (await queries.readModels.enterpriseRecord(enterpriseId)) ??
    emptyEnterpriseRecord(enterpriseId);
  const { lastPosition: _lastPosition, suspendedBy, ...rest } = record;
  return {
    ...rest,
    asOf,
    suspended: suspendedBy.length > 0,
    suspendedBy,
    compliance: await complianceOf(queries, enterpriseId, asOf),
  };
}
