import { maskResidentId, streams } from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { resumeProcesses } from '../process-recovery';
import { loadStream } from '../stream-command';
import { enterpriseFold, personFold } from '../stream-decider';
import { reviewApplication } from './application-review.process';
import { closeCase } from './case-closure.process';
import { openCase } from './case-opening.process';
import { recordDisbursement } from './disbursement.process';
import { fileEvidence } from './evidence-filing.process';
import { recordFinding } from './finding.process';
import { openPublicity } from './publicity-opening.process';
import { recordRecovery } from './recovery.process';
import { submitSeatApplication } from './seat-submission.process';
import { approveTranche } from './tranche-approval.process';
import { registeredCallCentre } from '../testing/payable-tranche';
import { thrown } from '../testing/thrown';
import {
  reviewer,
  finance,
  supervisor,
  sqliteLedgerForTest,
  system,
} from '../testing/process-ledger';

/**
 * R-FRAUD processes on a real SQLite event store, the way the API runs them:
 * a false claim paid in two tranches, another with an unpaid tranche, the
 * enterprise suspended, partial then full recovery, the person cap released
 * only at full recovery, and a second employer's claim succeeding afterwards.
 */
jest.setTimeout(30_000);

const A = makeCreditCode(501);
const B = makeCreditCode(502);
const C = makeCreditCode(503);
const P1 = makeResidentId('140202', '19900101', 501);
const P2 = makeResidentId('140202', '19910101', 502);
const T = 250_000;

const months = (from: string, to: string): string[] => {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return out;
};

const personKey = (id: string) => `pk-${id.slice(-6)}`;
const claim = (personId: string, from: string, to: string) => ({
  personKey: personKey(personId),
  personId,
  personIdMasked: maskResidentId(personId),
  name: personId === P1 ? '张三' : '李四',
  wageMonths: months(from, to),
  insuranceMonths: months(from, to),
});

describe('fraud case processes on SQLite (R-FRAUD, R-SEAT-5, R-SEAT-6)', () => {
  const ledger = sqliteLedgerForTest('ledger-test-fraud-');
  let seq = 0;
  const id = (label: string) => `${label}-${++seq}`;

  const usedFen = async (personId: string) =>
    (await loadStream(ledger.store, streams.person(personKey(personId)), personFold)).state.usedFen;
  const submit = async (
    enterpriseId: string,
    submittedOn: string,
    claims: ReturnType<typeof claim>[],
  ) => {
    const applicationId = id('app');
    const r = await submitSeatApplication(ledger.deps, reviewer, {
      applicationId,
      enterpriseId,
      submittedOn,
      claims,
    });
    return { applicationId, claims: r.result.claims };
  };
  const review = (applicationId: string, decidedOn: string, claimIds: string[]) =>
    reviewApplication(ledger.deps, reviewer, applicationId, {
      processId: id('review'),
      reviewedBy: reviewer.actorId,
      decidedOn,
      decisions: claimIds.map((claimId) => ({ claimId, approve: true })),
    });
  const publishAndPay = async (
    trancheId: string,
    startsOn: string,
    endsOn: string,
    paidOn: string,
    amountFen: number,
  ) => {
    await openPublicity(ledger.deps, reviewer, {
      publicityId: id('pub'),
      trancheIds: [trancheId],
      startsOn,
      endsOn,
    });
    return recordDisbursement(ledger.deps, finance, {
      disbursementId: id('dis'),
      trancheId,
      paidOn,
      amountFen,
      bankRef: id('ICBC'),
    });
  };

  const s: Record<string, string> = {};

  it('given A, B and C registered, C holding P1 for 2022 with two tranches, and A paid twice for P1 and P2, then P1 is at the cap', async () => {
    for (const enterpriseId of [A, B, C]) {
      await registeredCallCentre(
        ledger.deps,
        reviewer,
        enterpriseId,
        `企业 ${enterpriseId.slice(-4)}`,
      );
    }
    // C: P1's 2021-2022 months, honestly; two tranches approved (5,000 yuan of P1's cap).
    const c = await submit(C, '2023-01-10', [claim(P1, '2021-01', '2022-10')]);
    await review(c.applicationId, '2023-01-15', [c.claims[0].claimId]);
    await approveTranche(ledger.deps, finance, c.applicationId, {
      tranche: 1,
      decidedOn: '2023-01-20',
    });
    await approveTranche(ledger.deps, finance, c.applicationId, {
      tranche: 2,
      decidedOn: '2023-01-20',
    });

    // A: P1 and P2 for 2023 (the claims the case will find false).
    const a = await submit(A, '2023-03-01', [
      claim(P1, '2022-11', '2023-02'),
      claim(P2, '2022-11', '2023-02'),
    ]);
    [s.a, s.aP1, s.aP2] = [a.applicationId, a.claims[0].claimId, a.claims[1].claimId];
    await review(s.a, '2023-03-05', [s.aP1, s.aP2]);
    const t1 = await approveTranche(ledger.deps, finance, s.a, {
      tranche: 1,
      decidedOn: '2023-03-10',
    });
    expect(t1.result.amountFen).toBe(2 * T);
    await publishAndPay(t1.result.trancheId, '2023-03-11', '2023-03-17', '2023-03-20', 2 * T);
    const more = (from: string, to: string) =>
      [s.aP1, s.aP2].map((claimId) => ({
        claimId,
        wageMonths: months(from, to),
        insuranceMonths: months(from, to),
      }));
    await fileEvidence(ledger.deps, reviewer, s.a, {
      processId: id('ev'),
      filedOn: '2023-09-01',
      claims: more('2023-03', '2023-08'),
    });
    const t2 = await approveTranche(ledger.deps, finance, s.a, {
      tranche: 2,
      decidedOn: '2023-09-05',
    });
    await publishAndPay(t2.result.trancheId, '2023-09-06', '2023-09-12', '2023-09-13', 2 * T);
    await fileEvidence(ledger.deps, reviewer, s.a, {
      processId: id('ev'),
      filedOn: '2024-01-05',
      claims: more('2023-09', '2023-12'),
    });
    const t3 = await approveTranche(ledger.deps, finance, s.a, {
      tranche: 3,
      decidedOn: '2024-01-10',
    });
    // P1 is at the cap (C 5,000 + A 5,000): tranche 3 pays P2 only, and is not paid yet.
    expect(t3.result.included).toEqual([{ claimId: s.aP2, amountFen: T }]);
    expect(t3.result.refused).toEqual([
      expect.objectContaining({ claimId: s.aP1, rule: 'R-SEAT-5' }),
    ]);
    s.t3 = t3.result.trancheId;
    await openPublicity(ledger.deps, reviewer, {
      publicityId: id('pub'),
      trancheIds: [s.t3],
      startsOn: '2024-01-11',
      endsOn: '2024-01-17',
    });
    expect(await usedFen(P1)).toBe(1_000_000);
    expect(await usedFen(P2)).toBe(3 * T);
  });

  it('given a case opened against A with suspension, when finance approves or pays any tranche of A, then 423 naming R-FRAUD; B is not affected', async () => {
    s.case = id('case');
    const opened = await openCase(ledger.deps, supervisor, {
      caseId: s.case,
      enterpriseId: A,
      openedOn: '2024-03-01',
      reason: 'tip: P1 and P2 never worked at A',
      suspend: true,
    });
    expect(opened.result).toEqual({ caseId: s.case, enterpriseId: A, suspended: true });
    const enterprise = (await loadStream(ledger.store, streams.enterprise(A), enterpriseFold))
      .state;
    expect([...enterprise.suspensions.keys()]).toEqual([s.case]);

    const approval = await thrown(
      approveTranche(ledger.deps, finance, s.a, { tranche: 4, decidedOn: '2024-03-02' }),
    );
    expect({ kind: approval.kind, rule: approval.rule }).toEqual({
      kind: 'suspended',
      rule: 'R-FRAUD',
    });
    const payment = await thrown(
      recordDisbursement(ledger.deps, finance, {
        disbursementId: id('dis'),
        trancheId: s.t3,
        paidOn: '2024-03-02',
        amountFen: T,
        bankRef: id('ICBC'),
      }),
    );
    expect({ kind: payment.kind, rule: payment.rule }).toEqual({
      kind: 'suspended',
      rule: 'R-FRAUD',
    });
  });

  it('given a finding naming a claim of another enterprise or an unknown claim, when recorded, then it is refused and nothing is written', async () => {
    const head = await ledger.store.headPosition();
    const foreign = await thrown(
      recordFinding(ledger.deps, supervisor, s.case, {
        findingId: id('f'),
        foundOn: '2024-03-10',
        note: 'x',
        falseClaimIds: [`${s.a.replace('app', 'nope')}.c1`],
      }),
    );
    expect(foreign.kind).toBe('not_found');
    const cClaim = await thrown(
      recordFinding(ledger.deps, supervisor, s.case, {
        findingId: id('f'),
        foundOn: '2024-03-10',
        note: 'x',
        falseClaimIds: ['app-1.c1'],
      }),
    );
    expect({ kind: cClaim.kind, rule: cClaim.rule }).toEqual({ kind: 'rule', rule: 'R-FRAUD' });
    expect(await ledger.store.headPosition()).toBe(head);
  });

  it('given two paid tranches and an unpaid one, when the claims are found false, then paid shares are due, the unpaid one is cancelled and its cap released at once', async () => {
    const r = await recordFinding(ledger.deps, supervisor, s.case, {
      findingId: id('f'),
      foundOn: '2024-03-10',
      note: 'payroll records forged',
      falseClaimIds: [s.aP1, s.aP2],
    });
    expect(r.result.clawbackDueFen).toBe(4 * T);
    expect(r.result.cancelledFen).toBe(T);
    expect(r.result.clawbacks.map((c) => [c.claimId, c.amountFen])).toEqual([
      [s.aP1, T],
      [s.aP1, T],
      [s.aP2, T],
      [s.aP2, T],
    ]);
    expect(r.result.cancelled).toEqual([{ claimId: s.aP2, trancheId: s.t3, amountFen: T }]);
    // The unpaid reservation goes back at once; the paid ones stay until recovered.
    expect(await usedFen(P2)).toBe(2 * T);
    expect(await usedFen(P1)).toBe(1_000_000);
    const again = await thrown(
      recordFinding(ledger.deps, supervisor, s.case, {
        findingId: id('f'),
        foundOn: '2024-03-11',
        note: 'again',
        falseClaimIds: [s.aP1],
      }),
    );
    expect(again.kind).toBe('conflict');
  });

  it("given P1 at the cap until A repays, when B claims P1 for other months, then R-SEAT-5 refuses the tranche; for A's months, R-SEAT-6 refuses the claim", async () => {
    // R-POL: a new application is dated inside the trial year; 2020 months are nobody else's.
    const b1 = await submit(B, '2023-12-20', [claim(P1, '2020-07', '2020-12')]);
    await review(b1.applicationId, '2023-12-21', [b1.claims[0].claimId]);
    const t = await approveTranche(ledger.deps, finance, b1.applicationId, {
      tranche: 1,
      decidedOn: '2023-12-22',
    });
    expect(t.result.amountFen).toBe(0);
    expect(t.result.refused).toEqual([expect.objectContaining({ rule: 'R-SEAT-5' })]);
    const b2 = await submit(B, '2023-12-22', [claim(P1, '2023-01', '2023-06')]);
    expect(b2.claims[0]).toMatchObject({ status: 'refused', rule: 'R-SEAT-6' });
  });

  it('given 10,000 yuan due, when 1,500 yuan comes back and then too much, then it repays the oldest payment, releases nothing, and the overpayment is refused with nothing written', async () => {
    const partial = await recordRecovery(ledger.deps, finance, s.case, {
      recoveryId: id('r'),
      receivedOn: '2024-04-15',
      amountFen: 150_000,
      bankRef: 'BACK-1',
    });
    expect(partial.result).toMatchObject({
      releasedClaimIds: [],
      clawbackDueFen: 4 * T,
      recoveredFen: 150_000,
      outstandingFen: 4 * T - 150_000,
    });
    expect(partial.result.allocations).toEqual([
      expect.objectContaining({ claimId: s.aP1, amountFen: 150_000 }),
    ]);
    const head = await ledger.store.headPosition();
    const over = await thrown(
      recordRecovery(ledger.deps, finance, s.case, {
        recoveryId: id('r'),
        receivedOn: '2024-04-20',
        amountFen: 4 * T,
        bankRef: 'BACK-2',
      }),
    );
    expect({ kind: over.kind, rule: over.rule, details: over.details }).toEqual({
      kind: 'rule',
      rule: 'R-FRAUD',
      details: { outstandingFen: 4 * T - 150_000 },
    });
    expect(await ledger.store.headPosition()).toBe(head);
    expect(await usedFen(P1)).toBe(1_000_000);
  });

  it('given the rest repaid, when recorded, then both claims settle and their paid reservations and months are released', async () => {
    const full = await recordRecovery(ledger.deps, finance, s.case, {
      recoveryId: id('r'),
      receivedOn: '2024-05-01',
      amountFen: 4 * T - 150_000,
      bankRef: 'BACK-3',
    });
    expect(full.result).toMatchObject({ outstandingFen: 0, recoveredFen: 4 * T });
    expect([...full.result.releasedClaimIds].sort()).toEqual([s.aP1, s.aP2].sort());
    expect(await usedFen(P1)).toBe(2 * T); // C's two tranches only
    expect(await usedFen(P2)).toBe(0);
  });

  it("given A's false claim repaid, when B claims P1 for A's former months, then the claim stands and its tranche gets 2,500 yuan", async () => {
    // Entered late (R-POL: the application is dated inside the trial year).
    const b3 = await submit(B, '2023-12-15', [claim(P1, '2023-01', '2023-06')]);
    expect(b3.claims[0].status).toBe('submitted');
    await review(b3.applicationId, '2023-12-16', [b3.claims[0].claimId]);
    const t1 = await approveTranche(ledger.deps, finance, b3.applicationId, {
      tranche: 1,
      decidedOn: '2023-12-18',
    });
    expect(t1.result.included).toEqual([{ claimId: b3.claims[0].claimId, amountFen: T }]);
  });

  it('given the case, when closed upheld, then the suspension is lifted and A is no longer refused with 423', async () => {
    const closed = await closeCase(ledger.deps, supervisor, s.case, {
      closedOn: '2024-05-15',
      outcome: 'upheld',
      note: 'both claims false; repaid',
    });
    expect(closed.result).toEqual({
      caseId: s.case,
      status: 'closed',
      outcome: 'upheld',
      suspensionLifted: true,
    });
    const enterprise = (await loadStream(ledger.store, streams.enterprise(A), enterpriseFold))
      .state;
    expect(enterprise.suspensions.size).toBe(0);
    const next = await thrown(
      approveTranche(ledger.deps, finance, s.a, { tranche: 4, decidedOn: '2024-05-16' }),
    );
    expect(next.kind).toBe('rule'); // no claim is due: both are false; but not 423
  });

  it('given a finding process cut short after its start event, when recovery runs, then it finishes from the events alone', async () => {
    const a2 = await submit(A, '2023-12-20', [claim(P2, '2020-01', '2020-06')]);
    await review(a2.applicationId, '2023-12-21', [a2.claims[0].claimId]);
    await approveTranche(ledger.deps, finance, a2.applicationId, {
      tranche: 1,
      decidedOn: '2023-12-22',
    });
    const caseId = id('case');
    await openCase(ledger.deps, supervisor, {
      caseId,
      enterpriseId: A,
      openedOn: '2024-07-05',
      reason: 'spot check',
      suspend: false,
    });
    // Write only the start event, as a crash right after it would leave it.
    const findingId = id('f');
    await ledger.store.append(
      streams.case(caseId),
      [
        {
          type: 'FindingRecorded',
          data: {
            processId: findingId,
            caseId,
            enterpriseId: A,
            findingId,
            foundOn: '2024-07-06',
            note: 'no such employee',
            recordedBy: 'sue',
            claims: [
              {
                claimId: a2.claims[0].claimId,
                applicationId: a2.applicationId,
                personKey: personKey(P2),
                personIdMasked: maskResidentId(P2),
              },
            ],
          },
          metadata: {
            actor: 'sue',
            role: 'supervisor',
            businessDate: '2024-07-06',
            recordedAt: '2026-01-01T00:00:00.000Z',
          },
        },
      ],
      0,
    );
    const before = await usedFen(P2);
    const report = await resumeProcesses(ledger.deps, system, [
      { processId: findingId, kind: 'FindingRecorded', stream: streams.case(caseId) },
    ]);
    expect(report).toEqual({ finished: [findingId], failed: [] });
    expect(await usedFen(P2)).toBe(before - T); // the unpaid tranche cancelled, its cap released
  });
});
