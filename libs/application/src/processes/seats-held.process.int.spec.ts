import {
  decideRecordDisbursement,
  decideSubmitSeatApplication,
  DEFAULT_POLICY_TABLE,
  EnterpriseEvent,
  maskResidentId,
  returnProcessIdOf,
  seatsHeldOf,
  standingOf,
  streams,
} from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { metadataFor } from '../command-context';
import { resumeProcesses } from '../process-recovery';
import { loadStream, runOnStream } from '../stream-command';
import { enterpriseFold, seatApplicationFold } from '../stream-decider';
import { reviewApplication } from './application-review.process';
import { closeCase } from './case-closure.process';
import { openCase } from './case-opening.process';
import { recordDisbursement } from './disbursement.process';
import { recordFinding } from './finding.process';
import { openPublicity } from './publicity-opening.process';
import { raiseObjection, resolveObjection } from './publicity-objection.process';
import { submitSeatApplication } from './seat-submission.process';
import { finishReturnUse, returnDisbursement } from './disbursement-return.process';
import { finishPaidInFull, verifySeatCount } from './seats-held.process';
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
 * R-SEAT-8 on a real SQLite store, as the API runs it: the enterprise stream
 * admits claims up to the seat count, in one application or spread over
 * several, also when submissions run at the same time; every way a claim
 * closes gives its seat back as a step of its own process; a verified count
 * governs from its date; a crash is finished by recovery (ADR 0002).
 */
jest.setTimeout(120_000);

const months = (from: string, count: number): string[] => {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return out;
};
let personSeq = 0;
/** A new person each call, with `count` months of wages and insurance from `from`. */
const claim = (from = '2021-03', count = 24) => {
  const n = ++personSeq;
  const personId = makeResidentId('140211', `19${60 + Math.floor(n / 1000)}0505`, n % 1000);
  return {
    personKey: `pk-seats-${n}`,
    personId,
    personIdMasked: maskResidentId(personId),
    name: `person ${n}`,
    wageMonths: months(from, count),
    insuranceMonths: months(from, count),
  };
};

describe('seats held on the enterprise stream (R-SEAT-8)', () => {
  const ledger = sqliteLedgerForTest('ledger-seats-');
  let seq = 0;
  let enterpriseSeq = 9100;
  const id = (label: string) => `${label}-${++seq}`;

  const enterprise = async (seats: number) => {
    const enterpriseId = makeCreditCode(++enterpriseSeq);
    await registeredCallCentre(ledger.deps, reviewer, enterpriseId, `企业 ${enterpriseSeq}`, seats);
    return enterpriseId;
  };
  const submit = async (
    enterpriseId: string,
    claims: ReturnType<typeof claim>[],
    submittedOn = '2023-03-01',
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
  const many = (n: number) => Array.from({ length: n }, () => claim());
  const statuses = (claims: { status: string; rule?: string }[]) =>
    claims.reduce<Record<string, number>>((acc, c) => {
      const key = c.rule ? `${c.status} ${c.rule}` : c.status;
      acc[key] = (acc[key] ?? 0) + 1;
      return acc;
    }, {});
  const enterpriseState = async (enterpriseId: string) =>
    (await loadStream(ledger.store, streams.enterprise(enterpriseId), enterpriseFold)).state;
  const releases = async (enterpriseId: string) =>
    (await ledger.store.readStream(streams.enterprise(enterpriseId)))
      .map((e) => ({ type: e.type, data: e.data }) as EnterpriseEvent)
      .filter((e) => e.type === 'SeatsReleased')
      .map((e) => (e.type === 'SeatsReleased' ? [e.data.cause.kind, e.data.claimIds] : []));

  it('given 200 seats, when one application asks for 201 claims, then 200 are submitted and the 201st is refused naming R-SEAT-8', async () => {
    const e = await enterprise(200);
    const app = await submit(e, many(201));
    expect(statuses(app.claims)).toEqual({ submitted: 200, 'refused R-SEAT-8': 1 });
    expect(app.claims[200]).toMatchObject({
      status: 'refused',
      rule: 'R-SEAT-8',
      reason: expect.stringContaining('200 seats'),
    });
    expect(seatsHeldOf(await enterpriseState(e))).toBe(200);
  });

  it('given 200 seats, when 150, 51 and 1 claims come in three applications, then the 201st and 202nd are refused naming R-SEAT-8', async () => {
    const e = await enterprise(200);
    expect(statuses((await submit(e, many(150))).claims)).toEqual({ submitted: 150 });
    expect(statuses((await submit(e, many(51))).claims)).toEqual({
      submitted: 50,
      'refused R-SEAT-8': 1,
    });
    expect(statuses((await submit(e, many(1))).claims)).toEqual({ 'refused R-SEAT-8': 1 });
  });

  it('given 200 seats, when four applications of 60 claims are submitted at the same time, then exactly 200 claims hold a seat', async () => {
    const e = await enterprise(200);
    const apps = await Promise.all([1, 2, 3, 4].map(() => submit(e, many(60))));
    const all = apps.flatMap((a) => a.claims);
    expect(statuses(all)).toEqual({ submitted: 200, 'refused R-SEAT-8': 40 });
    expect(seatsHeldOf(await enterpriseState(e))).toBe(200);
  });

  it('given a claim refused by R-SEAT-6 at submission, when the submission completes, then its seat is released at once', async () => {
    const e = await enterprise(200);
    const other = await enterprise(300);
    const taken = claim();
    await submit(other, [taken]);
    const app = await submit(e, [{ ...taken, name: 'same person' }, claim()]);
    expect(statuses(app.claims)).toEqual({ 'refused R-SEAT-6': 1, submitted: 1 });
    expect(seatsHeldOf(await enterpriseState(e))).toBe(1);
    expect(await releases(e)).toEqual([['refused', [app.claims[0].claimId]]]);
  });

  describe('claims that close later give their seat back', () => {
    let e: string;
    let app: { applicationId: string; claims: { claimId: string }[] };
    const c = (n: number) => app.claims[n - 1].claimId;
    const held = async () => seatsHeldOf(await enterpriseState(e));
    let lastPayment = '';

    beforeAll(async () => {
      e = await enterprise(200);
      await submit(e, many(195));
      // c1 rejected, c2 short of months, c3 objected to, c4 found false, c5 paid in full.
      app = await submit(
        e,
        [claim(), claim('2023-01', 2), claim(), claim(), claim()],
        '2023-03-01',
      );
    });

    it('given 200 seats all held, when one more claim is asked, then it is refused naming R-SEAT-8', async () => {
      expect(await held()).toBe(200);
      expect(statuses((await submit(e, many(1))).claims)).toEqual({ 'refused R-SEAT-8': 1 });
    });

    it('given the review rejects c1, when it completes, then c1 gives its seat back', async () => {
      await reviewApplication(ledger.deps, reviewer, app.applicationId, {
        processId: id('review'),
        reviewedBy: 'rita',
        decidedOn: '2023-03-05',
        decisions: [
          { claimId: c(1), approve: false, reason: 'no such employee' },
          ...[2, 3, 4, 5].map((n) => ({ claimId: c(n), approve: true })),
        ],
      });
      expect(await held()).toBe(199);
      expect((await releases(e)).at(-1)).toEqual(['rejected', [c(1)]]);
    });

    it('given c2 has 2 of the 6 months tranche 1 needs, when tranche 1 is approved, then c2 is refused in it and gives its seat back', async () => {
      const t1 = await approveTranche(ledger.deps, finance, app.applicationId, {
        tranche: 1,
        decidedOn: '2023-03-10',
      });
      expect(t1.result.refused).toEqual([
        expect.objectContaining({ claimId: c(2), rule: 'R-SEAT-2' }),
      ]);
      expect(await held()).toBe(198);
      expect((await releases(e)).at(-1)).toEqual(['tranche-refused', [c(2)]]);
    });

    it('given an objection against c3 upheld during the notice, when it is applied, then c3 gives its seat back', async () => {
      const publicityId = id('pub');
      await openPublicity(ledger.deps, reviewer, {
        publicityId,
        trancheIds: [`${app.applicationId}.t1`],
        startsOn: '2023-03-11',
        endsOn: '2023-03-17',
      });
      const objectionId = id('obj');
      await raiseObjection(ledger.deps, reviewer, publicityId, {
        objectionId,
        raisedOn: '2023-03-12',
        claimId: c(3),
        text: 'left in January',
      });
      await resolveObjection(ledger.deps, reviewer, publicityId, {
        objectionId,
        resolvedOn: '2023-03-13',
        upheld: true,
        reason: 'confirmed',
      });
      expect(await held()).toBe(197);
      expect((await releases(e)).at(-1)).toEqual(['withdrawn', [c(3)]]);
    });

    it('given a finding that c4 is false, when it is applied, then c4 gives its seat back', async () => {
      const caseId = id('case');
      await openCase(ledger.deps, supervisor, {
        caseId,
        enterpriseId: e,
        openedOn: '2023-03-14',
        reason: 'spot check',
        suspend: false,
      });
      await recordFinding(ledger.deps, supervisor, caseId, {
        findingId: id('finding'),
        foundOn: '2023-03-15',
        note: 'no such employee',
        falseClaimIds: [c(4)],
      });
      expect(await held()).toBe(196);
      // R-FRAUD (ADR 0014): the finding suspends the enterprise; c4 was never
      // paid, so nothing is due back and closing the case lifts it.
      const closed = await closeCase(ledger.deps, supervisor, caseId, {
        closedOn: '2023-03-16',
        outcome: 'upheld',
        note: 'c4 false, nothing paid',
      });
      expect(closed.result.suspensionLifted).toBe(true);
      expect((await releases(e)).at(-1)).toEqual(['found-false', [c(4)]]);
    });

    it('given c5 through tranches 2 to 4 (the last approved in 2024, after the trial), when tranche 4 is paid, then c5 is paid in full and gives its seat back', async () => {
      for (const [k, decidedOn] of [
        [2, '2023-09-10'],
        [3, '2024-03-10'],
        [4, '2024-09-10'],
      ] as const) {
        const t = await approveTranche(ledger.deps, finance, app.applicationId, {
          tranche: k,
          decidedOn,
        });
        expect(t.result.included).toEqual([{ claimId: c(5), amountFen: 250_000 }]);
      }
      expect(await held()).toBe(196);
      const trancheId = `${app.applicationId}.t4`;
      await openPublicity(ledger.deps, reviewer, {
        publicityId: id('pub'),
        trancheIds: [trancheId],
        startsOn: '2024-09-11',
        endsOn: '2024-09-17',
      });
      lastPayment = id('dis');
      await recordDisbursement(ledger.deps, finance, {
        disbursementId: lastPayment,
        trancheId,
        paidOn: '2024-09-18',
        amountFen: 250_000,
        bankRef: id('ICBC'),
      });
      expect(await held()).toBe(195);
      expect((await releases(e)).at(-1)).toEqual(['paid', [c(5)]]);
      const { state } = await loadStream(
        ledger.store,
        streams.seatApplication(app.applicationId),
        seatApplicationFold,
      );
      expect(state.openProcesses.size).toBe(0);
    });

    it('given c5 paid in full, when that payment is returned (退票), then c5 holds its seat again; paid again, it gives it back once, and recovery or a retried return change nothing', async () => {
      const trancheId = `${app.applicationId}.t4`;
      const retakes = async () =>
        (await ledger.store.readStream(streams.enterprise(e)))
          .filter((x) => x.type === 'SeatsRetaken')
          .map((x) => x.data['claimIds']);
      const returnRef = id('RET');
      await returnDisbursement(ledger.deps, finance, {
        disbursementId: lastPayment,
        trancheId,
        returnedOn: '2024-09-25',
        bankRef: returnRef,
        reason: '账户已销户',
      });
      expect(await held()).toBe(196);
      expect(await retakes()).toEqual([[c(5)]]);
      // The seat is held again: with 200 seats the enterprise has 4 free, not 5.
      expect(statuses((await submit(e, many(5))).claims)).toEqual({
        submitted: 4,
        'refused R-SEAT-8': 1,
      });
      expect(await held()).toBe(200);

      await recordDisbursement(ledger.deps, finance, {
        disbursementId: id('dis'),
        trancheId,
        paidOn: '2024-09-26',
        amountFen: 250_000,
        bankRef: id('ICBC'),
      });
      expect(await held()).toBe(199);
      const paidReleases = (await releases(e)).filter(([kind]) => kind === 'paid');
      expect(paidReleases).toEqual([
        ['paid', [c(5)]],
        ['paid', [c(5)]],
      ]);
      // The return's and the repayment's steps again, as recovery would run them: nothing more.
      await finishReturnUse(ledger.deps, finance, {
        kind: 'return',
        bankRef: returnRef,
        processId: returnProcessIdOf(lastPayment),
        disbursementId: lastPayment,
        trancheId,
        amountFen: 250_000,
        returnedOn: '2024-09-25',
        reason: '账户已销户',
        returnedBy: finance.actorId,
      });
      await finishPaidInFull(ledger.deps, finance, app.applicationId, trancheId);
      expect(await held()).toBe(199);
      expect(await retakes()).toEqual([[c(5)]]);
      expect((await releases(e)).filter(([kind]) => kind === 'paid')).toHaveLength(2);
      const { state } = await loadStream(
        ledger.store,
        streams.seatApplication(app.applicationId),
        seatApplicationFold,
      );
      expect(state.openProcesses.size).toBe(0);
    });

    it('given one seat free again, when two claims are asked, then one holds a seat', async () => {
      expect(statuses((await submit(e, many(2))).claims)).toEqual({
        submitted: 1,
        'refused R-SEAT-8': 1,
      });
    });
  });

  describe('a verified seat count (R-SEAT-8, and R-SEAT-1 on the same count)', () => {
    it('given 300 declared seats verified as 200 on 2023-06-01, when 201 claims are asked on 2023-05-31 and on 2023-06-01, then the declared count admits them and the verified one refuses the 201st', async () => {
      const e1 = await enterprise(300);
      await verifySeatCount(ledger.deps, reviewer, e1, {
        verifiedOn: '2023-06-01',
        seats: 200,
        inspectionRef: 'INS-2023-001',
      });
      expect(statuses((await submit(e1, many(201), '2023-05-31')).claims)).toEqual({
        submitted: 201,
      });
      const e2 = await enterprise(300);
      const r = await verifySeatCount(ledger.deps, reviewer, e2, {
        verifiedOn: '2023-06-01',
        seats: 200,
        inspectionRef: 'INS-2023-002',
      });
      expect(r.position).toBeGreaterThan(0);
      const app = await submit(e2, many(201), '2023-06-01');
      expect(statuses(app.claims)).toEqual({ submitted: 200, 'refused R-SEAT-8': 1 });
      expect(app.claims[200].reason).toContain('inspection INS-2023-002');
    });

    it('given 150 seats verified, when the enterprise applies after the inspection, then R-SEAT-1 refuses it (422); a reused inspection reference is 409', async () => {
      const e = await enterprise(300);
      await verifySeatCount(ledger.deps, reviewer, e, {
        verifiedOn: '2023-06-01',
        seats: 150,
        inspectionRef: 'INS-2023-003',
      });
      const refused = await thrown(submit(e, many(1), '2023-06-02'));
      expect({ kind: refused.kind, rule: refused.rule }).toEqual({
        kind: 'rule',
        rule: 'R-SEAT-1',
      });
      const again = await thrown(
        verifySeatCount(ledger.deps, reviewer, e, {
          verifiedOn: '2023-07-01',
          seats: 160,
          inspectionRef: 'INS-2023-003',
        }),
      );
      expect(again.kind).toBe('conflict');
    });
  });

  describe('a crash mid-way is finished by recovery (ADR 0002)', () => {
    it('given a submission cut short after its start event, when recovery runs, then the enterprise admits what fits and the rest is refused naming R-SEAT-8', async () => {
      const e = await enterprise(200);
      await submit(e, many(199));
      const applicationId = id('app');
      const { state: ent } = await loadStream(ledger.store, streams.enterprise(e), enterpriseFold);
      await runOnStream(
        ledger.store,
        streams.seatApplication(applicationId),
        seatApplicationFold,
        (s) =>
          decideSubmitSeatApplication(
            s,
            ent,
            { applicationId, enterpriseId: e, submittedOn: '2023-03-01', claims: many(3) },
            DEFAULT_POLICY_TABLE.inForceOn('2023-03-01'),
          ),
        () => metadataFor(reviewer, '2023-03-01', 'datong-2022'),
      );
      const report = await resumeProcesses(ledger.deps, system, [
        {
          processId: applicationId,
          kind: 'SeatApplicationSubmitted',
          stream: streams.seatApplication(applicationId),
        },
      ]);
      expect(report.failed).toEqual([]);
      const { state } = await loadStream(
        ledger.store,
        streams.seatApplication(applicationId),
        seatApplicationFold,
      );
      expect([...state.claims.values()].map((c) => c.rule ?? c.status)).toEqual([
        'submitted',
        'R-SEAT-8',
        'R-SEAT-8',
      ]);
      expect(seatsHeldOf(await enterpriseState(e))).toBe(200);
    });

    /** A last tranche's payment written alone, as a crash right after it would leave it. */
    async function crashedLastPayment() {
      const e = await enterprise(200);
      const app = await submit(e, [claim()]);
      const claimId = app.claims[0].claimId;
      await reviewApplication(ledger.deps, reviewer, app.applicationId, {
        processId: id('review'),
        reviewedBy: 'rita',
        decidedOn: '2023-03-02',
        decisions: [{ claimId, approve: true }],
      });
      for (const [k, decidedOn] of [
        [1, '2023-03-10'],
        [2, '2023-09-10'],
        [3, '2024-03-10'],
        [4, '2024-09-10'],
      ] as const) {
        await approveTranche(ledger.deps, finance, app.applicationId, { tranche: k, decidedOn });
      }
      const trancheId = `${app.applicationId}.t4`;
      const publicityId = id('pub');
      await openPublicity(ledger.deps, reviewer, {
        publicityId,
        trancheIds: [trancheId],
        startsOn: '2024-09-11',
        endsOn: '2024-09-17',
      });
      // The payment alone, as a crash right after it would leave it.
      const disbursementId = id('dis');
      const standing = standingOf(await enterpriseState(e), e);
      await runOnStream(
        ledger.store,
        streams.seatApplication(app.applicationId),
        seatApplicationFold,
        (s) =>
          decideRecordDisbursement(
            s,
            {
              disbursementId,
              trancheId,
              paidOn: '2024-09-18',
              amountFen: 250_000,
              bankRef: id('ICBC'),
              paidBy: 'fay',
            },
            {
              publicityId,
              startsOn: '2024-09-11',
              endsOn: '2024-09-17',
              openObjections: 0,
              upheldObjectionsOnTheList: 0,
            },
            DEFAULT_POLICY_TABLE.inForceOn('2024-09-18'),
            standing,
          ),
        () => metadataFor(finance, '2024-09-18', 'datong-2022'),
      );
      return { e, app, trancheId, disbursementId };
    }

    it('given the payment of a last tranche written and nothing after it, when recovery runs, then the seats are released once and the process ends', async () => {
      const { e, app, trancheId } = await crashedLastPayment();
      expect(seatsHeldOf(await enterpriseState(e))).toBe(1);
      const open = {
        processId: `${trancheId}.paid`,
        kind: 'TrancheDisbursed',
        stream: streams.seatApplication(app.applicationId),
      };
      expect(await resumeProcesses(ledger.deps, system, [open])).toEqual({
        finished: [open.processId],
        failed: [],
      });
      expect(seatsHeldOf(await enterpriseState(e))).toBe(0);
      const head = await ledger.store.headPosition();
      await resumeProcesses(ledger.deps, system, [open]);
      expect(await ledger.store.headPosition()).toBe(head);
    });

    it('given the payment of a last tranche written alone and then returned (退票), when recovery finishes the paid-in-full, then it releases nothing and ends: the claim still holds its seat', async () => {
      const { e, app, trancheId, disbursementId } = await crashedLastPayment();
      await returnDisbursement(ledger.deps, finance, {
        disbursementId,
        trancheId,
        returnedOn: '2024-09-20',
        bankRef: id('RET'),
        reason: '账户已销户',
      });
      const open = {
        processId: `${trancheId}.paid`,
        kind: 'TrancheDisbursed',
        stream: streams.seatApplication(app.applicationId),
      };
      expect(await resumeProcesses(ledger.deps, system, [open])).toEqual({
        finished: [open.processId],
        failed: [],
      });
      expect(seatsHeldOf(await enterpriseState(e))).toBe(1);
      expect(await releases(e)).toEqual([]);
      const { state } = await loadStream(
        ledger.store,
        streams.seatApplication(app.applicationId),
        seatApplicationFold,
      );
      expect(state.openProcesses.size).toBe(0);
    });
  });
});
