import { maskResidentId, streams } from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { metadataFor } from '../command-context';
import { loadStream, runOnStream } from '../stream-command';
import { personFold, schoolFold, siteFold } from '../stream-decider';
import { recognizeEffectiveSeats } from './effective-seat-recognition.process';
import { registerEnterprise } from './enterprise-registration.process';
import {
  approveInternshipTranche,
  registerSchool,
  submitInternshipApplication,
} from './internship.process';
import { openPublicity } from './publicity-opening.process';
import { approveSiteTranche, submitSiteApplication } from './site-application.process';
import { recordStandingCheck } from './standing-check.process';
import { thrown } from '../testing/thrown';
import { ctx, reviewer, finance, sqliteLedgerForTest } from '../testing/process-ledger';

/**
 * Issue #11 points 3-6 on a real SQLite event store, as the API runs them:
 * standing checks before every site tranche (R-SITE-COND), a lease filed in
 * a later lease year paid for each of its years in any order (R-SITE-LEASE),
 * a retained intern's employer registered, and one internship reward per
 * person whichever school lists them, with two schools racing (R-INT); a
 * notice stating each entry's standard and where it is posted (R-PUB).
 */
jest.setTimeout(60_000);

const C = makeCreditCode(8101);
const D = makeCreditCode(8102);
const SCHOOL_X = makeCreditCode(8103);
const SCHOOL_Y = makeCreditCode(8104);
const P = (n: number) => makeResidentId('140202', '19980808', n);

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
const person = (n: number) => ({
  personKey: `pk-f-${n}`,
  personId: P(n),
  personIdMasked: maskResidentId(P(n)),
  name: `person ${n}`,
});

describe('policy fidelity on SQLite: R-SITE-COND, R-SITE-LEASE filed late, R-INT once in total', () => {
  const ledger = sqliteLedgerForTest('ledger-test-fidelity-');
  const made: Record<string, string> = {};

  beforeAll(async () => {
    for (const enterpriseId of [C, D]) {
      await registerEnterprise(ledger.deps, reviewer, {
        enterpriseId,
        name: `enterprise ${enterpriseId.slice(-4)}`,
        industry: 'annotation',
        seats: 300,
        registeredOn: '2022-12-24',
      });
    }
  });

  describe('standing checks (R-SITE-COND)', () => {
    const check = (checkId: string, checkedOn: string, over = {}) =>
      recordStandingCheck(ledger.deps, reviewer, {
        enterpriseId: C,
        checkId,
        checkedOn,
        normalOperation: true,
        badCreditRecord: false,
        source: '信用中国',
        ...over,
      });

    it('given a renovation of C and no standing check, when its tranche is approved, then 422 R-SITE-COND and nothing is written; after a bad check still 422; after a good one it is approved naming the check', async () => {
      const reno = (
        await submitSiteApplication(ledger.deps, reviewer, {
          siteId: 'reno-c',
          enterpriseId: C,
          kind: 'renovation',
          submittedOn: '2023-04-01',
          address: '大同市 条件 1 号',
          renovation: { investmentFen: 10_000_000, auditRef: 'AUD-C', completedOn: '2023-03-20' },
        })
      ).result.applicationId;
      made.reno = reno;
      const approve = () =>
        approveSiteTranche(ledger.deps, finance, reno, { decidedOn: '2023-04-10' });
      const head = await ledger.store.headPosition();
      const none = await thrown(approve());
      expect({ kind: none.kind, rule: none.rule }).toEqual({ kind: 'rule', rule: 'R-SITE-COND' });
      expect(await ledger.store.headPosition()).toBe(head);

      await check('chk-c1', '2023-04-05', { badCreditRecord: true, source: '信用中国 失信名单' });
      await check('chk-c2', '2023-04-11'); // after the decision date: does not count
      const bad = await thrown(approve());
      expect(bad.rule).toBe('R-SITE-COND');
      expect(bad.message).toContain('a bad credit record');

      await check('chk-c3', '2023-04-08');
      const ok = await approve();
      expect(ok.result).toMatchObject({ trancheId: `${reno}.r`, amountFen: 3_000_000 });
      const events = await ledger.store.readStream(streams.site(reno));
      expect(events.find((e) => e.type === 'SiteTrancheApprovalStarted')?.data).toMatchObject({
        standingCheckId: 'chk-c3',
      });
    });

    it('given an unknown enterprise, when a standing check is recorded, then 404', async () => {
      const e = await thrown(
        recordStandingCheck(ledger.deps, reviewer, {
          enterpriseId: makeCreditCode(8199),
          checkId: 'chk-x',
          checkedOn: '2023-04-05',
          normalOperation: true,
          badCreditRecord: false,
          source: '信用中国',
        }),
      );
      expect(e.kind).toBe('not_found');
    });
  });

  describe('a lease filed in its second lease year (R-SITE-LEASE)', () => {
    const seat = (n: number, from: string) => ({
      seatRef: `D-${n}`,
      occupants: [
        { ...person(n), wageMonths: months(from, 12), insuranceMonths: months(from, 12) },
      ],
    });

    it('given 3 effective seats recognised for 2022 and 5 for 2023, when lease years 2, 1 and 3 of a lease from 2022-01-01 filed in 2023 are approved in that order in 2024, then each year pays its own count once; year 4 before it begins is 422', async () => {
      await recordStandingCheck(ledger.deps, reviewer, {
        enterpriseId: D,
        checkId: 'chk-d1',
        checkedOn: '2023-01-05',
        normalOperation: true,
        badCreditRecord: false,
        source: '市场监管登记',
      });
      await recognizeEffectiveSeats(ledger.deps, reviewer, {
        recognitionId: 'rec-d-2022',
        enterpriseId: D,
        recognizedOn: '2022-12-28',
        seats: [1, 2, 3].map((n) => seat(n, '2022-01')),
      });
      await recognizeEffectiveSeats(ledger.deps, reviewer, {
        recognitionId: 'rec-d-2023',
        enterpriseId: D,
        recognizedOn: '2023-12-20',
        seats: [11, 12, 13, 14, 15].map((n) => seat(n, '2023-01')),
      });
      const lease = (
        await submitSiteApplication(ledger.deps, reviewer, {
          siteId: 'lease-d',
          enterpriseId: D,
          kind: 'lease',
          submittedOn: '2023-02-01',
          address: '大同市 晚申请 1 号',
          lease: { startsOn: '2022-01-01', endsOn: '2026-12-31' },
        })
      ).result.applicationId;
      made.lease = lease;
      const approve = (year: number, decidedOn: string) =>
        approveSiteTranche(ledger.deps, finance, lease, { year, decidedOn });

      expect((await approve(2, '2024-01-10')).result).toMatchObject({
        year: 2,
        effectiveSeats: 5,
        amountFen: 1_250_000,
      });
      expect((await approve(1, '2024-01-11')).result).toMatchObject({
        year: 1,
        effectiveSeats: 3,
        amountFen: 750_000,
      });
      expect((await approve(3, '2024-01-12')).result).toMatchObject({
        year: 3,
        effectiveSeats: 5,
        amountFen: 1_250_000,
      });
      const again = await thrown(approve(1, '2024-01-13'));
      expect({ rule: again.rule, message: again.message }).toEqual({
        rule: 'R-SITE-LEASE',
        message: 'lease year 1 is already approved',
      });
      const early = await thrown(approve(4, '2024-01-13'));
      expect(early.rule).toBe('R-SITE-LEASE');
      const site = (await loadStream(ledger.store, streams.site(lease), siteFold)).state;
      expect([...site.tranches.values()].map((t) => [t.year, t.seatsCountedOn])).toEqual([
        [2, '2023-12-31'],
        [1, '2022-12-31'],
        [3, '2024-01-12'],
      ]);
    });
  });

  describe('internship rewards (R-INT)', () => {
    const interns = (from: number, count: number, enterpriseId = C) =>
      Array.from({ length: count }, (_, i) => ({
        ...person(500 + from + i),
        level: 'higher' as const,
        enterpriseId,
        employedMonths: months('2023-07', 6),
      }));
    const apply = (applicationId: string, schoolId: string, list: ReturnType<typeof interns>) =>
      submitInternshipApplication(ledger.deps, ctx('school-clerk', 'applicant'), {
        applicationId,
        schoolId,
        year: 2023,
        submittedOn: '2024-01-15',
        agreementRef: 'AGR',
        trainingBaseRef: 'BASE',
        interns: list,
      });

    beforeAll(async () => {
      for (const schoolId of [SCHOOL_X, SCHOOL_Y]) {
        await registerSchool(ledger.deps, reviewer, {
          schoolId,
          name: `school ${schoolId.slice(-4)}`,
          registeredOn: '2023-01-05',
        });
      }
    });

    it('given a retained intern employed by an enterprise that is not registered, when the school applies, then 422 R-INT naming the intern masked, and nothing is written', async () => {
      const unknown = makeCreditCode(8198);
      const list = [...interns(0, 49), ...interns(49, 1, unknown)];
      const head = await ledger.store.headPosition();
      const e = await thrown(apply('ia-x0', SCHOOL_X, list));
      expect({ kind: e.kind, rule: e.rule }).toEqual({ kind: 'rule', rule: 'R-INT' });
      expect(e.details).toEqual({
        unregisteredEmployers: [
          { intern: 49, personIdMasked: maskResidentId(P(549)), enterpriseId: unknown },
        ],
      });
      expect(e.message).not.toContain(P(549));
      expect(await ledger.store.headPosition()).toBe(head);
    });

    it('given two schools listing the same 50 persons, when both tranches are approved at once, then each person is rewarded exactly once and the other school is refused naming R-INT', async () => {
      await apply('ia-x1', SCHOOL_X, interns(0, 50));
      await apply('ia-y1', SCHOOL_Y, interns(0, 50));
      const [x, y] = await Promise.all([
        approveInternshipTranche(ledger.deps, finance, 'ia-x1', { decidedOn: '2024-01-20' }),
        approveInternshipTranche(ledger.deps, finance, 'ia-y1', { decidedOn: '2024-01-20' }),
      ]);
      expect(x.result.included.length + y.result.included.length).toBe(50);
      expect(x.result.refused.length + y.result.refused.length).toBe(50);
      expect(x.result.amountFen + y.result.amountFen).toBe(50 * 100_000);
      for (const r of [...x.result.refused, ...y.result.refused]) expect(r.rule).toBe('R-INT');
      for (let i = 0; i < 50; i++) {
        const p = (
          await loadStream(ledger.store, streams.person(person(500 + i).personKey), personFold)
        ).state;
        expect(p.internshipReward).toBeDefined();
      }
    });

    it("given a person the school was rewarded for before the amendment (recorded on the school's stream), when a later application of that school lists them, then the stored record still refuses them", async () => {
      const legacy = person(700);
      await runOnStream(
        ledger.store,
        streams.school(SCHOOL_X),
        schoolFold,
        () => [
          {
            type: 'InternshipRewardsReserved' as const,
            data: {
              schoolId: SCHOOL_X,
              applicationId: 'ia-old',
              trancheId: 'ia-old.i1',
              decidedOn: '2023-06-01',
              reserved: [
                { internId: 'ia-old.p1', personKey: legacy.personKey, amountFen: 100_000 },
              ],
              refused: [],
            },
          },
        ],
        () => metadataFor(ctx('old-process', 'finance'), '2023-06-01', 'datong-2022'),
      );
      await apply('ia-x2', SCHOOL_X, [
        { ...legacy, level: 'higher', enterpriseId: C, employedMonths: months('2023-07', 6) },
        ...interns(300, 49),
      ]);
      const t = await approveInternshipTranche(ledger.deps, finance, 'ia-x2', {
        decidedOn: '2024-01-21',
      });
      expect(t.result.refused).toEqual([
        {
          internId: 'ia-x2.p1',
          rule: 'R-INT',
          reason: 'the school was already rewarded for this person (ia-old.p1, tranche ia-old.i1)',
        },
      ]);
      expect(t.result.included).toHaveLength(49);
    });
  });

  describe('a notice states programme and standard of every entry (R-PUB)', () => {
    it('given a renovation, a lease year 4 and an internship tranche approved, when one notice lists them with where it is posted, then each entry states the standard its amount was computed on', async () => {
      const y4 = await approveSiteTranche(ledger.deps, finance, made.lease, {
        year: 4,
        decidedOn: '2025-01-10',
      });
      expect(y4.result).toMatchObject({ perSeatFen: 125_000, amountFen: 625_000 });
      const publicityId = 'pub-fidelity';
      await openPublicity(ledger.deps, reviewer, {
        publicityId,
        trancheIds: [`${made.reno}.r`, y4.result.trancheId, 'ia-x2.i1'],
        startsOn: '2025-01-11',
        endsOn: '2025-01-17',
        publishedAt: 'https://www.dt.gov.cn/gsgg/2025/0111.html',
      });
      const [opened] = await ledger.store.readStream(streams.publicity(publicityId), {
        maxCount: 1,
      });
      const data = opened.data as { publishedAt: string; entries: Record<string, unknown>[] };
      expect(data.publishedAt).toBe('https://www.dt.gov.cn/gsgg/2025/0111.html');
      expect(data.entries[0]).toMatchObject({
        programme: 'siteRenovation',
        standard: {
          text: '场地改造补贴 改造投资额的30%，最高5,000,000元',
          rateBasisPoints: 3_000,
          capFen: 500_000_000,
          unit: '改造投资额',
        },
        amountFen: 3_000_000,
      });
      expect(data.entries[1]).toMatchObject({
        programme: 'siteLease',
        standard: {
          text: '场地租赁补贴 1,250元/有效席位/年',
          rateFen: 125_000,
          unit: '有效席位/年',
        },
        amountFen: 625_000,
      });
      expect(data.entries.slice(2)).toHaveLength(49);
      expect(data.entries[2]).toMatchObject({
        programme: 'internship',
        standard: { text: '实习就业奖励 1,000元/人（高职及以上）', rateFen: 100_000, unit: '人' },
        amountFen: 100_000,
      });
    });
  });
});
