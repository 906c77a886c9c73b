import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { packRecords, unpackRecords } from './compact-state';
import { fen, Invariant, isFen, PolicyLookup, ReportViolation, str } from './invariant';

type Level = 'secondary' | 'higher';

/**
 * Internship rewards (R-INT), recomputed from what the events say:
 * - each candidate of a tranche is asked the reward of their level under
 *   the tranche's policy version, each included person is approved what
 *   was asked, and the tranche's total is the sum of its persons;
 * - a person earns the reward once in total, whichever school lists them:
 *   no tranche includes a person another tranche still holds (an upheld
 *   objection that took them out gives the person back).
 * State: per tranche in flight, what its candidates asked; per person
 * rewarded, the tranche and intern holding the reward, packed into one short
 * string (compact-state.ts), as persons may run into the hundreds of thousands.
 */
export class InternshipInvariant implements Invariant {
  readonly name = 'internship-rewards';
  readonly rules = ['R-INT'];
  private readonly asked = new Map<string, Map<string, number>>();
  private readonly rewarded = new Map<string, string>();

  constructor(private readonly policyOf: PolicyLookup) {}

  observe(event: RecordedEvent, report: ReportViolation): void {
    const d = event.data;
    switch (event.type) {
      case 'InternshipTrancheApprovalStarted':
        return this.started(d, report);
      case 'InternshipTrancheApproved':
        return this.approved(d, report);
      case 'InternWithdrawnFromTranche': {
        const personKey = str(d['personKey']) ?? '';
        const [holder] = unpackRecords(this.rewarded.get(personKey));
        if (holder && holder[0] === str(d['trancheId']) && holder[1] === str(d['internId'])) {
          this.rewarded.delete(personKey);
        }
        return;
      }
      case 'InternshipTrancheFoundFalse':
        // R-FRAUD (ADR 0014): found false before payment, the tranche is
        // cancelled and its persons may be rewarded by another school.
        if (d['clawback'] === undefined) this.releaseTranche(str(d['trancheId']) ?? '');
        return;
      default:
        return;
    }
  }

  private releaseTranche(trancheId: string): void {
    for (const [personKey, packed] of [...this.rewarded]) {
      const [holder] = unpackRecords(packed);
      if (holder && holder[0] === trancheId) this.rewarded.delete(personKey);
    }
  }

  private started(d: Record<string, unknown>, report: ReportViolation): void {
    const trancheId = str(d['trancheId']) ?? '';
    const policy = this.policyOf(str(d['policyVersion']));
    const candidates = Array.isArray(d['candidates'])
      ? (d['candidates'] as Record<string, unknown>[])
      : [];
    const asked = new Map<string, number>();
    for (const c of candidates) {
      const internId = str(c['internId']) ?? '';
      const requestedFen = fen(c['requestedFen']);
      asked.set(internId, requestedFen);
      const level = c['level'] as Level;
      const reward = policy?.internship.rewardFenByLevel[level];
      if (policy && requestedFen !== reward) {
        report(
          'R-INT',
          `tranche ${trancheId} asks ${requestedFen} fen for ${internId} (${String(level)}); the policy pays ${String(reward)} fen for that level`,
        );
      }
    }
    this.asked.set(trancheId, asked);
  }

  private approved(d: Record<string, unknown>, report: ReportViolation): void {
    const trancheId = str(d['trancheId']) ?? '';
    const asked = this.asked.get(trancheId);
    this.asked.delete(trancheId);
    if (!asked) {
      report('R-INT', `tranche ${trancheId} is approved without having been started`);
    }
    const included = Array.isArray(d['included'])
      ? (d['included'] as Record<string, unknown>[])
      : [];
    let sum = 0;
    for (const c of included) {
      const internId = str(c['internId']) ?? '';
      const personKey = str(c['personKey']) ?? '';
      const amountFen = c['amountFen'];
      if (!isFen(amountFen) || amountFen < 0) {
        report('R-INT', `tranche ${trancheId} approves ${internId} without a valid amount`);
        continue;
      }
      sum += amountFen;
      const requested = asked?.get(internId);
      if (asked && requested === undefined) {
        report('R-INT', `tranche ${trancheId} approves ${internId}, who was not a candidate`);
      } else if (requested !== undefined && amountFen !== requested) {
        report(
          'R-INT',
          `tranche ${trancheId} approves ${internId} ${amountFen} fen; its level pays ${requested}`,
        );
      }
      const [holder] = unpackRecords(this.rewarded.get(personKey));
      if (holder && holder[0] !== trancheId) {
        report(
          'R-INT',
          `person ${personKey} is rewarded by ${trancheId} (${internId}) but already rewarded by ${holder[0]} (${holder[1]}): once in total`,
        );
        continue;
      }
      this.rewarded.set(personKey, packRecords([[trancheId, internId]]));
    }
    if (d['amountFen'] !== sum) {
      report(
        'R-INT',
        `tranche ${trancheId} approves ${String(d['amountFen'])} fen; its persons add up to ${sum}`,
      );
    }
  }
}
