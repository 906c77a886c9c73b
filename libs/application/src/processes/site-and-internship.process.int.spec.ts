import {
  DEFAULT_POLICY_TABLE,
  decideStartInternshipTranche,
  decideStartRecognition,
  decideStartSiteTranche,
  maskResidentId,
  policyFor,
  standingOf,
  streams,
} from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { BUDGET_PROGRAMMES, budgetIdOf, fiscalYearOf, siteProgrammeOf } from '@ledger/domain';
import { appropriateBudget, readBudget } from './budget.process';
import { trancheAmountFen } from './payment-batch.process';
import { metadataFor } from '../command-context';
import { resumeProcesses } from '../process-recovery';
import { loadStream, runOnStream } from '../stream-command';
import {
  effectiveSeatsFold,
  enterpriseFold,
  internshipFold,
  personFold,
  siteFold,
} from '../stream-decider';
import { closeCase } from './case-closure.process';
import { openCase } from './case-opening.process';
import { recordDisbursement } from './disbursement.process';
import { returnDisbursement } from './disbursement-return.process';
import { recognizeEffectiveSeats } from './effective-seat-recognition.process';
import { registerEnterprise } from './enterprise-registration.process';
import {
  approveInternshipTranche,
  registerSchool,
  submitInternshipApplication,
} from './internship.process';
import { raiseObjection, resolveObjection } from './publicity-objection.process';
import { openPublicity } from './publicity-opening.process';
import { submitSeatApplication } from './seat-submission.process';
import { approveSiteTranche, submitSiteApplication } from './site-application.process';
import { recordStandingCheck } from './standing-check.process';
import { confirmSpecialTerms, proposeSpecialTerms } from './special-terms.process';
import { thrown } from '../testing/thrown';
import {
  ctx,
  reviewer,
  finance,
  supervisor,
  sqliteLedgerForTest,
  system,
} from '../testing/process-ledger';

/**
 * Issue #7 processes on a real SQLite event store, as the API runs them:
 * special terms (two actors), effective seats against the one-employer-a-month
 * rule across enterprises, lease seats counted once a year across an
 * enterprise's leases, one site subsidy per premises, suspension, internship
 * rewards once per person in total, an upheld objection on each kind, and
 * recovery of half-done processes from the events alone.
 */
jest.setTimeout(60_000);

const A = makeCreditCode(8001);
const B = makeCreditCode(8002);
const SCHOOL = makeCreditCode(8003);
const P = (n: number) => makeResidentId('140202', '19900101', n);

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
const ritaAsFinance = ctx('rita', 'finance');
const applicantA = ctx('a-clerk', 'applicant');

const person = (n: number) => ({
  personKey: `pk-${n}`,
  personId: P(n),
  personIdMasked: maskResidentId(P(n)),
  name: `person ${n}`,
});
const occupant = (n: number, from: string, count: number) => ({
  ...person(n),
  wageMonths: months(from, count),
  insuranceMonths: months(from, count),
});

describe('site and internship processes on SQLite (R-EFF, R-SITE-*, R-INT, R-SPECIAL)', () => {
  // R-BUDGET on (issue #14): every approval below commits a budget recorded here.
  const ledger = sqliteLedgerForTest('ledger-test-site-', { budgetControl: true });
  let seq = 0;
  const id = (label: string) => `${label}-${++seq}`;

  beforeAll(async () => {
    for (const fiscalYear of [2022, 2023, 2024, 2025, 2026]) {
      for (const programme of BUDGET_PROGRAMMES) {
        await appropriateBudget(
          ledger.deps,
          finance,
          {
            programme,
            fiscalYear,
            amountFen: 1_000_000_000_000,
            documentRef: `budget-${fiscalYear}`,
          },
          '2022-12-30',
        );
      }
    }
    for (const [enterpriseId, seats] of [
      [A, 600],
      [B, 300],
    ] as const) {
      await registerEnterprise(ledger.deps, reviewer, {
        enterpriseId,
        name: `enterprise ${enterpriseId.slice(-4)}`,
        industry: 'call',
        seats,
        registeredOn: '2022-12-30',
      });
      // R-SITE-COND: the standing every site tranche below relies on.
      await recordStandingCheck(ledger.deps, reviewer, {
        enterpriseId,
        checkId: `chk-${enterpriseId}`,
        checkedOn: '2022-12-30',
        normalOperation: true,
        badCreditRecord: false,
        source: '信用中国',
      });
    }
  });

  describe('special terms (R-SPECIAL)', () => {
    it('given terms proposed by rita, when rita confirms them as finance, then 403 R-SPECIAL; fay confirms them', async () => {
      await proposeSpecialTerms(ledger.deps, reviewer, {
        enterpriseId: A,
        termsId: 'terms-A',
        documentRef: '同政办函〔2023〕12号',
        basis: 'top-enterprise',
        overrides: { site: { renovationCapFen: 800_000_000 } },
        validFrom: '2023-01-01',
        validTo: '2027-12-31',
        proposedOn: '2023-01-02',
        note: '',
      });
      const e = await thrown(
        confirmSpecialTerms(ledger.deps, ritaAsFinance, A, {
          termsId: 'terms-A',
          confirmedOn: '2023-01-03',
        }),
      );
      expect({ kind: e.kind, rule: e.rule }).toEqual({ kind: 'forbidden', rule: 'R-SPECIAL' });
      const ok = await confirmSpecialTerms(ledger.deps, finance, A, {
        termsId: 'terms-A',
        confirmedOn: '2023-01-03',
      });
      expect(ok.result).toEqual({ termsId: 'terms-A', status: 'confirmed' });
    });

    it('given confirmed terms raising the renovation cap for A, when A and B renovate for 30,000,000 yuan, then A gets 8,000,000 and B 5,000,000 yuan', async () => {
      const reno = (enterpriseId: string, address: string) =>
        submitSiteApplication(ledger.deps, enterpriseId === A ? applicantA : reviewer, {
          siteId: id('site'),
          enterpriseId,
          kind: 'renovation',
          submittedOn: '2023-02-01',
          address,
          renovation: { investmentFen: 3_000_000_000, auditRef: 'AUD', completedOn: '2023-01-20' },
        });
      expect((await reno(A, '大同市 A 厂房')).result.totalFen).toBe(800_000_000);
      expect((await reno(B, '大同市 B 厂房')).result.totalFen).toBe(500_000_000);
    });
  });

  describe('effective seats (R-EFF with R-SEAT-6)', () => {
    it("given B's seat-subsidy claim on person 2 for 2023, when A recognises its roster, then seats are recognised or refused by the one-employer-a-month and two-seats rules", async () => {
      await submitSeatApplication(ledger.deps, reviewer, {
        applicationId: id('sa'),
        enterpriseId: B,
        submittedOn: '2023-06-30',
        claims: [{ ...occupant(2, '2023-01', 6) }],
      });
      const r = await recognizeEffectiveSeats(ledger.deps, reviewer, {
        recognitionId: 'rec-A1',
        enterpriseId: A,
        recognizedOn: '2023-12-20',
        seats: [
          { seatRef: 'A-1', occupants: [occupant(1, '2023-01', 12)] },
          // Person 3 then person 4 in turn.
          { seatRef: 'A-2', occupants: [occupant(3, '2023-01', 6), occupant(4, '2023-07', 6)] },
          // Person 5 is fine, person 2 was B's employee in 2023-01..06: the seat is refused.
          { seatRef: 'A-3', occupants: [occupant(5, '2023-07', 6), occupant(2, '2023-01', 6)] },
          // Person 1 in a second seat in the same months.
          { seatRef: 'A-4', occupants: [occupant(1, '2023-01', 12)] },
          // 11 months only.
          { seatRef: 'A-5', occupants: [occupant(6, '2023-01', 11)] },
        ],
      });
      expect(r.result.recognized).toBe(2);
      expect(r.result.refused).toEqual([
        expect.objectContaining({
          seatRef: 'A-3',
          rule: 'R-SEAT-6',
          conflictsWith: [expect.objectContaining({ enterpriseId: B })],
        }),
        expect.objectContaining({ seatRef: 'A-4', rule: 'R-EFF' }),
        expect.objectContaining({ seatRef: 'A-5', rule: 'R-EFF' }),
      ]);
      // Person 5's months were given back when seat A-3 was refused.
      const p5 = (await loadStream(ledger.store, streams.person(person(5).personKey), personFold))
        .state;
      expect([...p5.occupancies.values()].every((o) => o.released)).toBe(true);
      const count = (await loadStream(ledger.store, streams.effectiveSeats(A), effectiveSeatsFold))
        .state.recognitions;
      expect(count).toEqual([
        { recognitionId: 'rec-A1', recognizedOn: '2023-12-20', recognized: 2 },
      ]);
    });

    it("given person 1 in A's effective seat for 2023, when A claims a seat subsidy for those months, then it is accepted; when B does, R-SEAT-6 refuses it", async () => {
      const own = await submitSeatApplication(ledger.deps, reviewer, {
        applicationId: id('sa'),
        enterpriseId: A,
        submittedOn: '2023-12-20',
        claims: [occupant(1, '2023-06', 6)],
      });
      expect(own.result.claims[0].status).toBe('submitted');
      const other = await submitSeatApplication(ledger.deps, reviewer, {
        applicationId: id('sa'),
        enterpriseId: B,
        submittedOn: '2023-12-20',
        claims: [occupant(1, '2023-12', 1)],
      });
      expect(other.result.claims[0]).toMatchObject({
        status: 'refused',
        rule: 'R-SEAT-6',
        conflictsWith: [{ claimId: 'rec-A1:A-1', enterpriseId: A, months: ['2023-12'] }],
      });
    });
  });

  describe('site subsidies (R-SITE-LEASE, R-SITE-1, R-SITE-BUY)', () => {
    let leaseA: string;

    it('given 2 effective seats of A, when its lease year 1 is approved on 2023-12-21, then it pays 2 × 2,500 yuan, and a second lease of A counts 0 seats for that year', async () => {
      leaseA = (
        await submitSiteApplication(ledger.deps, applicantA, {
          siteId: id('site'),
          enterpriseId: A,
          kind: 'lease',
          submittedOn: '2023-12-20',
          address: '大同市平城区 云路 1 号',
          lease: { startsOn: '2023-12-01', endsOn: '2028-11-30' },
        })
      ).result.applicationId;
      const y1 = await approveSiteTranche(ledger.deps, finance, leaseA, {
        year: 1,
        decidedOn: '2023-12-21',
      });
      expect(y1.result).toEqual({
        trancheId: `${leaseA}.y1`,
        kind: 'lease',
        year: 1,
        amountFen: 500_000,
        effectiveSeats: 2,
        seats: 2,
        perSeatFen: 250_000,
      });
      const second = (
        await submitSiteApplication(ledger.deps, applicantA, {
          siteId: id('site'),
          enterpriseId: A,
          kind: 'lease',
          submittedOn: '2023-12-20',
          address: '大同市平城区 云路 2 号',
          lease: { startsOn: '2023-12-01', endsOn: '2028-11-30' },
        })
      ).result.applicationId;
      const other = await approveSiteTranche(ledger.deps, finance, second, {
        year: 1,
        decidedOn: '2023-12-22',
      });
      expect(other.result).toMatchObject({ amountFen: 0, effectiveSeats: 2, seats: 0 });
    });

    it('given the leased premises, when A applies for a purchase subsidy on the same address written differently, then 422 R-SITE-1 and nothing is written', async () => {
      const before = await ledger.store.headPosition();
      const e = await thrown(
        submitSiteApplication(ledger.deps, applicantA, {
          siteId: id('site'),
          enterpriseId: A,
          kind: 'purchase',
          submittedOn: '2023-12-20',
          address: ' 大同市平城区云路１号 ',
          purchase: { areaDm2: 100_000, purchasedOn: '2023-12-02', certificateRef: 'C' },
        }),
      );
      expect({ kind: e.kind, rule: e.rule }).toEqual({ kind: 'rule', rule: 'R-SITE-1' });
      expect(await ledger.store.headPosition()).toBe(before);
    });

    it('given a lease of 4 years 364 days, when applied for, then 422 R-SITE-LEASE and the premises stays free', async () => {
      const e = await thrown(
        submitSiteApplication(ledger.deps, applicantA, {
          siteId: id('site'),
          enterpriseId: A,
          kind: 'lease',
          submittedOn: '2023-12-20',
          address: '大同市 短租 1 号',
          lease: { startsOn: '2023-12-01', endsOn: '2028-11-29' },
        }),
      );
      expect(e.rule).toBe('R-SITE-LEASE');
      const ok = await submitSiteApplication(ledger.deps, applicantA, {
        siteId: id('site'),
        enterpriseId: A,
        kind: 'lease',
        submittedOn: '2023-12-20',
        address: '大同市 短租 1 号',
        lease: { startsOn: '2023-12-01', endsOn: '2028-11-30' },
      });
      expect(ok.result.kind).toBe('lease');
    });

    it('given a lease tranche approved, when it is published and paid, then the payment is recorded; paying on its last day is 422 R-DATE', async () => {
      const trancheId = `${leaseA}.y1`;
      const publicityId = id('pub');
      await openPublicity(ledger.deps, reviewer, {
        publicityId,
        trancheIds: [trancheId],
        startsOn: '2024-01-22',
        endsOn: '2024-01-28',
      });
      const early = await thrown(
        recordDisbursement(ledger.deps, finance, {
          disbursementId: id('dis'),
          trancheId,
          paidOn: '2024-01-28',
          amountFen: 500_000,
          bankRef: id('bank'),
        }),
      );
      expect(early.rule).toBe('R-DATE');
      const paid = await recordDisbursement(ledger.deps, finance, {
        disbursementId: id('dis'),
        trancheId,
        paidOn: '2024-01-29',
        amountFen: 500_000,
        bankRef: id('bank'),
      });
      expect(paid.result.disbursementId).toBeDefined();
      const site = (await loadStream(ledger.store, streams.site(leaseA), siteFold)).state;
      expect(site.tranches.get(trancheId)?.disbursement?.amountFen).toBe(500_000);
    });

    it('given a case suspending A, when a site tranche is approved or paid, then 423; after closure it goes through', async () => {
      const purchase = (
        await submitSiteApplication(ledger.deps, applicantA, {
          siteId: id('site'),
          enterpriseId: A,
          kind: 'purchase',
          submittedOn: '2023-12-20',
          address: '大同市 购买 1 号',
          purchase: { areaDm2: 123_456, purchasedOn: '2023-12-10', certificateRef: 'C-9' },
        })
      ).result;
      expect(purchase.totalFen).toBe(61_728_000);
      const y1 = await approveSiteTranche(ledger.deps, finance, purchase.applicationId, {
        year: 1,
        decidedOn: '2024-02-02',
      });
      expect(y1.result.amountFen).toBe(18_518_400);
      const publicityId = id('pub');
      await openPublicity(ledger.deps, reviewer, {
        publicityId,
        trancheIds: [y1.result.trancheId],
        startsOn: '2024-02-03',
        endsOn: '2024-02-09',
      });
      const caseId = id('case');
      await openCase(ledger.deps, supervisor, {
        caseId,
        enterpriseId: A,
        openedOn: '2024-02-05',
        reason: 'spot check',
        suspend: true,
      });
      const pay = () =>
        recordDisbursement(ledger.deps, finance, {
          disbursementId: id('dis'),
          trancheId: y1.result.trancheId,
          paidOn: '2024-02-10',
          amountFen: 18_518_400,
          bankRef: `BANK-${caseId}`,
        });
      expect((await thrown(pay())).kind).toBe('suspended');
      const approve = await thrown(
        approveSiteTranche(ledger.deps, finance, leaseA, { year: 2, decidedOn: '2025-01-05' }),
      );
      expect({ kind: approve.kind, rule: approve.rule }).toEqual({
        kind: 'suspended',
        rule: 'R-FRAUD',
      });
      const submit = await thrown(
        submitSiteApplication(ledger.deps, applicantA, {
          siteId: id('site'),
          enterpriseId: A,
          kind: 'lease',
          submittedOn: '2024-02-06',
          address: '大同市 停牌期间 1 号',
          lease: { startsOn: '2024-01-01', endsOn: '2028-12-31' },
        }),
      );
      expect(submit.kind).toBe('suspended');
      await closeCase(ledger.deps, supervisor, caseId, {
        closedOn: '2024-02-08',
        outcome: 'dismissed',
        note: 'nothing found',
      });
      expect((await pay()).result.disbursementId).toBeDefined();
    });
  });

  describe('internship rewards (R-INT)', () => {
    const intern = (n: number, level: 'secondary' | 'higher', consecutive: number) => ({
      ...person(100 + n),
      level,
      enterpriseId: A,
      employedMonths: months('2023-07', consecutive),
    });
    const cohort = (from: number, sent: number, retained: number) =>
      Array.from({ length: sent }, (_, i) =>
        intern(from + i, i % 2 === 0 ? 'higher' : 'secondary', i < retained ? 6 : 5),
      );

    it('given a school, when it applies with 49 interns, then 422 R-INT; with 50 and exactly 25 retained, it is accepted', async () => {
      await registerSchool(ledger.deps, reviewer, {
        schoolId: SCHOOL,
        name: '大同职业技术学院',
        registeredOn: '2023-01-05',
      });
      const short = await thrown(
        submitInternshipApplication(ledger.deps, reviewer, {
          applicationId: id('ia'),
          schoolId: SCHOOL,
          year: 2023,
          submittedOn: '2024-01-15',
          agreementRef: 'AGR',
          trainingBaseRef: 'BASE',
          interns: cohort(0, 49, 49),
        }),
      );
      expect(short.rule).toBe('R-INT');
      const ok = await submitInternshipApplication(ledger.deps, ctx('school-clerk', 'applicant'), {
        applicationId: 'ia-1',
        schoolId: SCHOOL,
        year: 2023,
        submittedOn: '2024-01-15',
        agreementRef: 'AGR',
        trainingBaseRef: 'BASE',
        interns: cohort(0, 50, 25),
      });
      expect(ok.result).toEqual({
        applicationId: 'ia-1',
        internsSent: 50,
        retained: 25,
        retentionBasisPoints: 5_000,
      });
    });

    it('given the accepted application, when its tranche is approved, then 13 × 1,000 + 12 × 800 yuan; a second application naming the same persons is refused for them', async () => {
      const t = await approveInternshipTranche(ledger.deps, finance, 'ia-1', {
        decidedOn: '2024-01-20',
      });
      expect(t.result.amountFen).toBe(13 * 100_000 + 12 * 80_000);
      expect(t.result.included).toHaveLength(25);
      await submitInternshipApplication(ledger.deps, ctx('school-clerk', 'applicant'), {
        applicationId: 'ia-2',
        schoolId: SCHOOL,
        year: 2023,
        submittedOn: '2024-02-15',
        agreementRef: 'AGR',
        trainingBaseRef: 'BASE',
        // 10 persons rewarded already, 40 new ones, all retained.
        interns: [...cohort(0, 10, 10), ...cohort(200, 40, 40)],
      });
      const t2 = await approveInternshipTranche(ledger.deps, finance, 'ia-2', {
        decidedOn: '2024-02-20',
      });
      // The first 10 were all retained, and rewarded, in ia-1.
      expect(t2.result.refused).toHaveLength(10);
      expect(t2.result.refused[0]).toMatchObject({ internId: 'ia-2.p1', rule: 'R-INT' });
      expect(t2.result.included).toHaveLength(40);
    });

    it('given a published internship tranche, when an objection against one person is upheld, then they leave the tranche, the school may be rewarded for them later, and the rest is paid', async () => {
      const publicityId = id('pub');
      await openPublicity(ledger.deps, reviewer, {
        publicityId,
        trancheIds: ['ia-1.i1'],
        startsOn: '2024-01-21',
        endsOn: '2024-01-27',
      });
      const objection = await raiseObjection(ledger.deps, reviewer, publicityId, {
        objectionId: id('obj'),
        raisedOn: '2024-01-22',
        claimId: 'ia-1.p1',
        text: 'not a graduate of this school',
      });
      const resolved = await resolveObjection(ledger.deps, reviewer, publicityId, {
        objectionId: objection.result.objectionId,
        resolvedOn: '2024-01-23',
        upheld: true,
        reason: 'confirmed',
      });
      expect(resolved.result.withdrawnFen).toBe(100_000);
      const released = (
        await loadStream(ledger.store, streams.person(person(100).personKey), personFold)
      ).state;
      expect(released.internshipReward).toBeUndefined();
      const paid = await recordDisbursement(ledger.deps, finance, {
        disbursementId: id('dis'),
        trancheId: 'ia-1.i1',
        paidOn: '2024-01-28',
        amountFen: 12 * 100_000 + 12 * 80_000,
        bankRef: id('bank'),
      });
      expect(paid.result.disbursementId).toBeDefined();
      const app = (
        await loadStream(ledger.store, streams.internshipApplication('ia-1'), internshipFold)
      ).state;
      expect(app.tranche?.disbursement?.amountFen).toBe(2_160_000);
    });

    it('given the reviewer who submitted an application, when they approve its tranche as finance, then 403 R-SOD', async () => {
      await submitInternshipApplication(ledger.deps, reviewer, {
        applicationId: 'ia-3',
        schoolId: SCHOOL,
        year: 2023,
        submittedOn: '2024-03-15',
        agreementRef: 'AGR',
        trainingBaseRef: 'BASE',
        interns: cohort(300, 50, 50),
      });
      const e = await thrown(
        approveInternshipTranche(ledger.deps, ritaAsFinance, 'ia-3', { decidedOn: '2024-03-20' }),
      );
      expect({ kind: e.kind, rule: e.rule }).toEqual({ kind: 'forbidden', rule: 'R-SOD' });
    });
  });

  describe('recovery of half-done processes (ADR 0002)', () => {
    it('given a recognition, a site tranche and an internship tranche each left after their start, when recovery runs, then each is finished from the events alone', async () => {
      const meta = () => metadataFor(ctx('crashed', 'reviewer'), '2024-04-01', 'datong-2022');
      // Recognition started, no person step.
      const { state: enterprise } = await loadStream(
        ledger.store,
        streams.enterprise(B),
        enterpriseFold,
      );
      await runOnStream(
        ledger.store,
        streams.effectiveSeats(B),
        effectiveSeatsFold,
        (s) =>
          decideStartRecognition(
            s,
            enterprise,
            {
              recognitionId: 'rec-B1',
              enterpriseId: B,
              recognizedOn: '2023-12-21',
              recognizedBy: 'rita',
              seats: [{ seatRef: 'B-1', occupants: [occupant(7, '2023-01', 12)] }],
            },
            policyFor(DEFAULT_POLICY_TABLE, enterprise, '2024-04-01'),
          ),
        meta,
      );
      // Renovation tranche of B started, never finished.
      const renoB = (
        await submitSiteApplication(ledger.deps, reviewer, {
          siteId: id('site'),
          enterpriseId: B,
          kind: 'renovation',
          submittedOn: '2023-12-21',
          address: '大同市 崩溃 1 号',
          renovation: { investmentFen: 100_000_000, auditRef: 'AUD', completedOn: '2023-12-01' },
        })
      ).result.applicationId;
      await runOnStream(
        ledger.store,
        streams.site(renoB),
        siteFold,
        (s) =>
          decideStartSiteTranche(
            s,
            { decidedOn: '2024-04-02', approvedBy: 'fay' },
            policyFor(DEFAULT_POLICY_TABLE, enterprise, '2024-04-02'),
            standingOf(enterprise, B),
            enterprise.standingChecks,
          ),
        meta,
      );
      // Internship tranche started, no person step taken.
      await submitInternshipApplication(ledger.deps, ctx('school-clerk', 'applicant'), {
        applicationId: 'ia-4',
        schoolId: SCHOOL,
        year: 2023,
        submittedOn: '2024-04-01',
        agreementRef: 'AGR',
        trainingBaseRef: 'BASE',
        interns: Array.from({ length: 50 }, (_, i) => ({
          ...person(600 + i),
          level: 'higher' as const,
          enterpriseId: A,
          employedMonths: months('2023-07', 6),
        })),
      });
      await runOnStream(
        ledger.store,
        streams.internshipApplication('ia-4'),
        internshipFold,
        (s) =>
          decideStartInternshipTranche(
            s,
            { decidedOn: '2024-04-02', approvedBy: 'fay' },
            DEFAULT_POLICY_TABLE.inForceOn('2024-04-02'),
          ),
        meta,
      );

      const report = await resumeProcesses(ledger.deps, system, [
        {
          processId: 'rec-B1',
          kind: 'EffectiveSeatRecognitionStarted',
          stream: streams.effectiveSeats(B),
        },
        {
          processId: `${renoB}.r`,
          kind: 'SiteTrancheApprovalStarted',
          stream: streams.site(renoB),
        },
        {
          processId: 'ia-4.i1',
          kind: 'InternshipTrancheApprovalStarted',
          stream: streams.internshipApplication('ia-4'),
        },
      ]);
      expect(report).toEqual({ finished: ['rec-B1', `${renoB}.r`, 'ia-4.i1'], failed: [] });
      const seats = (await loadStream(ledger.store, streams.effectiveSeats(B), effectiveSeatsFold))
        .state;
      expect(seats.openProcesses.size).toBe(0);
      expect(seats.recognitions[0]).toMatchObject({ recognitionId: 'rec-B1', recognized: 1 });
      const site = (await loadStream(ledger.store, streams.site(renoB), siteFold)).state;
      expect(site.tranches.get(`${renoB}.r`)).toMatchObject({
        status: 'approved',
        amountFen: 30_000_000,
      });
      const ia = (
        await loadStream(ledger.store, streams.internshipApplication('ia-4'), internshipFold)
      ).state;
      expect(ia.tranche).toMatchObject({ status: 'approved', amountFen: 50 * 100_000 });
      // Running it again writes nothing.
      const head = await ledger.store.headPosition();
      await resumeProcesses(ledger.deps, system, [
        {
          processId: 'rec-B1',
          kind: 'EffectiveSeatRecognitionStarted',
          stream: streams.effectiveSeats(B),
        },
      ]);
      expect(await ledger.store.headPosition()).toBe(head);
    });
  });

  describe('an upheld objection against a lease tranche (R-PUB)', () => {
    it("given B's unpaid lease year 1 counting its 1 seat, when an objection against it is upheld, then it pays nothing and B's other lease counts the seat", async () => {
      const lease = async (address: string) =>
        (
          await submitSiteApplication(ledger.deps, reviewer, {
            siteId: id('site'),
            enterpriseId: B,
            kind: 'lease',
            submittedOn: '2023-12-21',
            address,
            lease: { startsOn: '2023-12-01', endsOn: '2028-11-30' },
          })
        ).result.applicationId;
      const first = await lease('大同市 B 租 1 号');
      const t1 = await approveSiteTranche(ledger.deps, finance, first, {
        year: 1,
        decidedOn: '2024-04-05',
      });
      expect(t1.result).toMatchObject({ amountFen: 250_000, seats: 1 });
      const publicityId = id('pub');
      await openPublicity(ledger.deps, reviewer, {
        publicityId,
        trancheIds: [t1.result.trancheId],
        startsOn: '2024-04-06',
        endsOn: '2024-04-12',
      });
      const objection = await raiseObjection(ledger.deps, reviewer, publicityId, {
        objectionId: id('obj'),
        raisedOn: '2024-04-07',
        claimId: t1.result.trancheId,
        text: 'the office is sublet',
      });
      const resolved = await resolveObjection(ledger.deps, reviewer, publicityId, {
        objectionId: objection.result.objectionId,
        resolvedOn: '2024-04-08',
        upheld: true,
        reason: 'sublet confirmed',
      });
      expect(resolved.result.withdrawnFen).toBe(250_000);
      const site = (await loadStream(ledger.store, streams.site(first), siteFold)).state;
      expect(site.tranches.get(t1.result.trancheId)?.amountFen).toBe(0);
      const second = await lease('大同市 B 租 2 号');
      const t2 = await approveSiteTranche(ledger.deps, finance, second, {
        year: 1,
        decidedOn: '2024-04-10',
      });
      expect(t2.result).toMatchObject({ amountFen: 250_000, seats: 1 });
    });
  });

  it('given every site and internship tranche approved above, when the budgets are read, then each commitment holds what its tranche approves now (R-BUDGET)', async () => {
    const approved = (await ledger.store.readAll({ afterPosition: 0, maxCount: 100_000 })).filter(
      (e) => e.type === 'SiteTrancheApproved' || e.type === 'InternshipTrancheApproved',
    );
    expect(approved.length).toBeGreaterThan(3);
    for (const e of approved) {
      const d = e.data as {
        trancheId: string;
        decidedOn: string;
        kind?: 'lease' | 'renovation' | 'purchase';
      };
      const programme = d.kind ? siteProgrammeOf(d.kind) : 'internship';
      const budget = await readBudget(
        ledger.deps,
        budgetIdOf(programme, fiscalYearOf(d.decidedOn)),
      );
      expect({
        trancheId: d.trancheId,
        heldFen: budget.commitments.get(d.trancheId)?.amountFen,
      }).toEqual({
        trancheId: d.trancheId,
        heldFen: await trancheAmountFen(ledger.deps, d.trancheId),
      });
      expect(budget.committedFen).toBeLessThanOrEqual(budget.appropriatedFen);
    }
  });

  it('given a paid site tranche and a paid internship reward, when each payment is returned (退票), then each tranche is unpaid again with the return kept', async () => {
    const events = await ledger.store.readAll({ afterPosition: 0, maxCount: 100_000 });
    const stillPaid = async (type: string, trancheId: string, disbursementId: string) => {
      if (type === 'SiteTrancheDisbursed') {
        const siteId = trancheId.replace(/\.(?:y\d+|r)$/, '');
        const t = (
          await loadStream(ledger.store, streams.site(siteId), siteFold)
        ).state.tranches.get(trancheId);
        return t?.disbursement?.disbursementId === disbursementId && !t.foundFalse;
      }
      const applicationId = trancheId.replace(/\.i1$/, '');
      const t = (
        await loadStream(ledger.store, streams.internshipApplication(applicationId), internshipFold)
      ).state.tranche;
      return t?.disbursement?.disbursementId === disbursementId && !t.foundFalse;
    };
    for (const type of ['SiteTrancheDisbursed', 'InternshipTrancheDisbursed']) {
      let paid: { trancheId: string; disbursementId: string; paidOn: string } | undefined;
      for (const e of events.filter((x) => x.type === type)) {
        const d = e.data as { trancheId: string; disbursementId: string; paidOn: string };
        if (await stillPaid(type, d.trancheId, d.disbursementId)) paid = d;
      }
      expect([type, paid !== undefined]).toEqual([type, true]);
      const back = await returnDisbursement(ledger.deps, finance, {
        disbursementId: paid!.disbursementId,
        trancheId: paid!.trancheId,
        returnedOn: paid!.paidOn,
        bankRef: id('ret'),
        reason: '收款账户信息有误',
      });
      expect(back.result.trancheId).toBe(paid!.trancheId);
      expect(await stillPaid(type, paid!.trancheId, paid!.disbursementId)).toBe(false);
      const twice = await thrown(
        returnDisbursement(ledger.deps, finance, {
          disbursementId: paid!.disbursementId,
          trancheId: paid!.trancheId,
          returnedOn: paid!.paidOn,
          bankRef: id('ret'),
          reason: 'again',
        }),
      );
      expect([twice.kind, twice.details?.rule]).toEqual(['conflict', 'R-PAY']);
    }
  });
});
