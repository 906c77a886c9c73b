import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import {
  DEFAULT_POLICY_TABLE,
  decideStartSiteTranche,
  maskResidentId,
  parsePolicyVersion,
  policyFor,
  standingOf,
  streams,
} from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import later from '@ledger/domain/policy/testing/datong-2024.test-policy.json';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { dumpSqliteReadModels, rebuildSqliteReadModels } from '@ledger/projections/rebuild';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import { metadataFor } from '../command-context';
import { LedgerDeps } from '../ledger-deps';
import { resumeProcesses } from '../process-recovery';
import { loadStream, runOnStream } from '../stream-command';
import { enterpriseFold, siteFold } from '../stream-decider';
import { recognizeEffectiveSeats } from './effective-seat-recognition.process';
import { registerEnterprise } from './enterprise-registration.process';
import {
  approveInternshipTranche,
  registerSchool,
  submitInternshipApplication,
} from './internship.process';
import { approveSiteTranche, submitSiteApplication } from './site-application.process';
import { recordStandingCheck } from './standing-check.process';
import { reviewer, finance, system } from '../testing/process-ledger';

/**
 * R-POL: decisions recorded under datong-2022 replay to the same state and
 * the same balances after a later version (datong-2024-test, effective
 * 2024-07-01, higher site and internship amounts) is added to the table: the
 * events carry the amounts and the version they were decided under, nothing
 * is recomputed. A decision dated on or after 2024-07-01 uses the new numbers;
 * one dated before still uses the old, even when it is taken after the
 * version was added; a process started before finishes with the numbers it
 * started with.
 */
jest.setTimeout(60_000);

const E = makeCreditCode(8101);
const SCHOOL = makeCreditCode(8102);
const DATONG_2024 = parsePolicyVersion(later, 'datong-2024.test-policy.json');
const months = (year: number) =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
const occupant = (n: number, year: number) => {
  const personId = makeResidentId('140202', '19900101', n);
  return {
    personKey: `pk-${n}`,
    personId,
    personIdMasked: maskResidentId(personId),
    name: `person ${n}`,
    wageMonths: months(year),
    insuranceMonths: months(year),
  };
};

describe('R-POL adding a policy version never changes past decisions (replay)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let before: LedgerDeps;
  let after: LedgerDeps;
  let lease = '';
  let reno = '';
  const replay = async () => {
    const db = new Database(':memory:');
    await rebuildSqliteReadModels(db, (afterPosition, maxCount) =>
      store.readAll({ afterPosition, maxCount }),
    );
    const models = new SqliteReadModels(db);
    return {
      dump: dumpSqliteReadModels(db),
      balance: await models.enterpriseBalance(E, '2030-12-31'),
      school: await models.schoolBalance(SCHOOL, '2030-12-31'),
      close: () => db.close(),
    };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-policy-'));
    store = SqliteEventStore.open({ dataDir: dir });
    before = { store, policies: DEFAULT_POLICY_TABLE };
    after = { store, policies: DEFAULT_POLICY_TABLE.with(DATONG_2024) };

    // Decisions under datong-2022, with the table that knows only it.
    await registerEnterprise(before, reviewer, {
      enterpriseId: E,
      name: '大同政策回放',
      industry: 'annotation',
      seats: 300,
      registeredOn: '2023-01-05',
    });
    // R-SITE-COND: the standing every site tranche below relies on.
    await recordStandingCheck(before, reviewer, {
      enterpriseId: E,
      checkId: 'chk-1',
      checkedOn: '2023-01-05',
      normalOperation: true,
      badCreditRecord: false,
      source: '信用中国',
    });
    await recognizeEffectiveSeats(before, reviewer, {
      recognitionId: 'rec-1',
      enterpriseId: E,
      recognizedOn: '2023-12-20',
      seats: [1, 2, 3].map((n) => ({ seatRef: `S-${n}`, occupants: [occupant(n, 2023)] })),
    });
    lease = (
      await submitSiteApplication(before, reviewer, {
        siteId: 'lease-1',
        enterpriseId: E,
        kind: 'lease',
        submittedOn: '2023-12-20',
        address: '大同市 回放 1 号',
        lease: { startsOn: '2023-12-01', endsOn: '2028-11-30' },
      })
    ).result.applicationId;
    await approveSiteTranche(before, finance, lease, { year: 1, decidedOn: '2023-12-21' });
    reno = (
      await submitSiteApplication(before, reviewer, {
        siteId: 'reno-1',
        enterpriseId: E,
        kind: 'renovation',
        submittedOn: '2023-12-20',
        address: '大同市 回放 2 号',
        renovation: { investmentFen: 100_000_000, auditRef: 'AUD', completedOn: '2023-12-01' },
      })
    ).result.applicationId;
    await approveSiteTranche(before, finance, reno, { decidedOn: '2023-12-22' });
    await registerSchool(before, reviewer, {
      schoolId: SCHOOL,
      name: '大同职院',
      registeredOn: '2023-01-05',
    });
    await submitInternshipApplication(before, reviewer, {
      applicationId: 'ia-1',
      schoolId: SCHOOL,
      year: 2023,
      submittedOn: '2024-01-15',
      agreementRef: 'AGR',
      trainingBaseRef: 'BASE',
      interns: Array.from({ length: 50 }, (_, i) => ({
        ...occupant(100 + i, 2023),
        level: 'higher' as const,
        enterpriseId: E,
        employedMonths: months(2023).slice(6),
      })),
    });
    await approveInternshipTranche(before, finance, 'ia-1', { decidedOn: '2024-01-20' });
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('given decisions under datong-2022 and a table with datong-2024-test added, when the events are replayed (fold and read models), then every amount and balance is the same', async () => {
    const original = await replay();
    expect(original.balance.programmes).toMatchObject({
      siteLease: { approvedFen: 3 * 250_000 },
      siteRenovation: { approvedFen: 30_000_000 },
    });
    expect(original.school.totals.approvedFen).toBe(50 * 100_000);

    // The later table is only *known* now; the events and their replay do not move.
    expect(after.policies.list().map((v) => v.id)).toEqual(['datong-2022', 'datong-2024-test']);
    const replayed = await replay();
    expect(replayed.dump).toEqual(original.dump);
    const site = (await loadStream(store, streams.site(lease), siteFold)).state;
    expect(site.tranches.get(`${lease}.y1`)).toMatchObject({
      amountFen: 750_000,
      perSeatFen: 250_000,
      policyVersion: 'datong-2022',
    });
    const renovation = (await loadStream(store, streams.site(reno), siteFold)).state;
    expect(renovation.totalFen).toBe(30_000_000);
    original.close();
    replayed.close();
  });

  it('given the later table, when a decision is dated before 2024-07-01, then it still uses datong-2022', async () => {
    // R-POL: a new application before 2024-07-01 must fall in datong-2022's validity.
    const early = await submitSiteApplication(after, reviewer, {
      siteId: 'reno-2',
      enterpriseId: E,
      kind: 'renovation',
      submittedOn: '2023-12-22',
      address: '大同市 回放 3 号',
      renovation: { investmentFen: 100_000_000, auditRef: 'AUD', completedOn: '2023-12-01' },
    });
    expect(early.result.totalFen).toBe(30_000_000);
    const state = (await loadStream(store, streams.site('reno-2'), siteFold)).state;
    expect(state.policyVersion).toBe('datong-2022');
  });

  it('given the later table, when decisions are dated on or after 2024-07-01, then they use datong-2024-test and record it', async () => {
    const late = await submitSiteApplication(after, reviewer, {
      siteId: 'reno-3',
      enterpriseId: E,
      kind: 'renovation',
      submittedOn: '2024-07-01',
      address: '大同市 回放 4 号',
      renovation: { investmentFen: 100_000_000, auditRef: 'AUD', completedOn: '2024-06-01' },
    });
    expect(late.result.totalFen).toBe(40_000_000);
    expect((await loadStream(store, streams.site('reno-3'), siteFold)).state.policyVersion).toBe(
      'datong-2024-test',
    );
    // Lease year 1 was decided under the old numbers; year 2 (2025) under the new.
    const y2 = await approveSiteTranche(after, finance, lease, {
      year: 2,
      decidedOn: '2025-01-10',
    });
    expect(y2.result).toMatchObject({ seats: 3, perSeatFen: 300_000, amountFen: 900_000 });
    const site = (await loadStream(store, streams.site(lease), siteFold)).state;
    expect(site.tranches.get(`${lease}.y1`)?.amountFen).toBe(750_000);
    expect(site.tranches.get(`${lease}.y2`)?.policyVersion).toBe('datong-2024-test');
  });

  it('given a lease tranche started under datong-2022 and left half-done, when recovery finishes it with the later table, then it pays the numbers it started with', async () => {
    const second = (
      await submitSiteApplication(before, reviewer, {
        siteId: 'lease-2',
        enterpriseId: E,
        kind: 'lease',
        submittedOn: '2023-12-22',
        address: '大同市 回放 5 号',
        lease: { startsOn: '2023-12-01', endsOn: '2028-11-30' },
      })
    ).result.applicationId;
    const { state: enterprise } = await loadStream(store, streams.enterprise(E), enterpriseFold);
    await runOnStream(
      store,
      streams.site(second),
      siteFold,
      (s) =>
        decideStartSiteTranche(
          s,
          { year: 1, decidedOn: '2024-06-30', approvedBy: 'fay' },
          policyFor(DEFAULT_POLICY_TABLE, enterprise, '2024-06-30'),
          standingOf(enterprise, E),
          enterprise.standingChecks,
        ),
      () => metadataFor(finance, '2024-06-30', 'datong-2022'),
    );
    const report = await resumeProcesses(after, system, [
      {
        processId: `${second}.y1`,
        kind: 'SiteTrancheApprovalStarted',
        stream: streams.site(second),
      },
    ]);
    expect(report.failed).toEqual([]);
    const t = (await loadStream(store, streams.site(second), siteFold)).state.tranches.get(
      `${second}.y1`,
    );
    // The first lease already counts all 3 seats for that year: this one pays for none, at the 2022 rate.
    expect(t).toMatchObject({
      status: 'approved',
      perSeatFen: 250_000,
      policyVersion: 'datong-2022',
    });
  });

  it('given the later table, when an internship tranche is decided after 2024-07-01, then the new rewards apply', async () => {
    // R-POL: the 2025 cohort is governed by datong-2024-test (in force on 2025-01-01).
    await submitInternshipApplication(after, reviewer, {
      applicationId: 'ia-2',
      schoolId: SCHOOL,
      year: 2025,
      submittedOn: '2025-08-01',
      agreementRef: 'AGR',
      trainingBaseRef: 'BASE',
      interns: Array.from({ length: 50 }, (_, i) => ({
        ...occupant(300 + i, 2025),
        level: i < 25 ? ('higher' as const) : ('secondary' as const),
        enterpriseId: E,
        employedMonths: months(2025).slice(0, 7),
      })),
    });
    const t = await approveInternshipTranche(after, finance, 'ia-2', { decidedOn: '2025-08-05' });
    expect(t.result.amountFen).toBe(25 * 120_000 + 25 * 90_000);
  });
});
