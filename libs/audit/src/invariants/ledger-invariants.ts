import { DEFAULT_POLICY_TABLE, PolicyTable } from '@ledger/domain/policy/policy-table';
import type { PolicyVersion } from '@ledger/domain/policy/policy-version';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import type { AuditProblem } from '../audit-problem';
import type { SpillStore } from '../spill-map';
import { BankReferenceInvariant } from './bank-reference.invariant';
import { BudgetInvariant } from './budget.invariant';
import { RemittanceInvariant } from './remittance.invariant';
import { PaymentMatchInvariant } from './payment-match.invariant';
import { DisbursementReturnInvariant } from './disbursement-return.invariant';
import { ClawbackInvariant } from './clawback.invariant';
import { EffectiveSeatsInvariant } from './effective-seats.invariant';
import { InternshipInvariant } from './internship.invariant';
import { Invariant, PolicyLookup } from './invariant';
import { MoneyAndTimeInvariant } from './money-and-time.invariant';
import { PersonCapInvariant } from './person-cap.invariant';
import { PersonMonthsInvariant } from './person-months.invariant';
import { SuspensionInvariant } from './suspension.invariant';
import { SiteAmountsInvariant } from './site-amounts.invariant';
import { PolicyValidityInvariant } from './policy-validity.invariant';
import { SeatsHeldInvariant } from './seats-held.invariant';
import { TrancheInvariant } from './tranche.invariant';

export function policyLookup(policies: PolicyTable): PolicyLookup {
  const byId = new Map<string, PolicyVersion>(policies.list().map((p) => [p.id, p]));
  return (id) => (id === undefined ? undefined : byId.get(id));
}

/**
 * Every invariant verification checks, in one place (ARCHITECTURE.md "Audit"
 * lists them). `spill`: where the per-person, per-claim and per-tranche state goes past a
 * bound (default: all of it in memory).
 */
export function ledgerInvariants(
  policies: PolicyTable = DEFAULT_POLICY_TABLE,
  spill?: SpillStore,
): Invariant[] {
  const policyOf = policyLookup(policies);
  return [
    new PersonCapInvariant(policyOf, spill?.map()),
    new PersonMonthsInvariant(spill?.map()),
    new TrancheInvariant(policyOf, spill),
    new ClawbackInvariant(),
    new SuspensionInvariant(),
    new BankReferenceInvariant(spill),
    new MoneyAndTimeInvariant(),
    new EffectiveSeatsInvariant(),
    new SiteAmountsInvariant(policyOf),
    new InternshipInvariant(policyOf),
    new SeatsHeldInvariant(policyOf, spill),
    new PolicyValidityInvariant(policies.list()),
    // Issue #14 (ADR 0019).
    new BudgetInvariant(),
    new RemittanceInvariant(),
    new PaymentMatchInvariant(),
    new DisbursementReturnInvariant(),
  ];
}

const NO_PROBLEMS: readonly AuditProblem[] = Object.freeze([]);

/** Feeds events to every invariant; what they report comes back as problems at the event's position. */
export class InvariantChecker {
  private checked = 0;

  constructor(readonly invariants: readonly Invariant[] = ledgerInvariants()) {}

  observe(event: RecordedEvent): readonly AuditProblem[] {
    // One report function an event, and an array only when something is
    // reported: ~17 closures an event were garbage on the log thread (ADR 0020 §70).
    let problems: AuditProblem[] | undefined;
    const report = (rule: string, message: string) => {
      (problems ??= []).push({
        position: event.position,
        check: 'invariant',
        rule,
        stream: event.stream,
        type: event.type,
        message,
      });
    };
    this.checked += 1;
    for (const invariant of this.invariants) invariant.observe(event, report);
    return problems ?? NO_PROBLEMS;
  }

  get eventsChecked(): number {
    return this.checked;
  }

  get rules(): string[] {
    return [...new Set(this.invariants.flatMap((i) => i.rules))];
  }
}
