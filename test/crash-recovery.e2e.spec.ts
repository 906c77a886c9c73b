import type Database from 'better-sqlite3';
import * as fs from 'node:fs';
import { expectLedgerVerifies } from './support/ledger-cli';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import {
  countByField,
  dumpLiveAndRebuilt,
  openLedgerFileReadOnly,
  readEvents,
  sleep,
} from './support/ledger-db';
import {
  LedgerClient,
  LedgerProcess,
  startLedger,
  tempDataDir,
  tokenFor,
  removeTempDataDirs,
} from './support/ledger-process';

/**
 * ADR 0002: a multi-stream command killed halfway (SIGKILL: no shutdown
 * hook, no flush) is finished by the next process's start-up recovery, from
 * the events alone, with every step written once. The test watches the SQLite
 * file read-only and kills the API while a tranche (then a submission) is
 * between its start and end events; if the kill lands too late it retries with
 * a bigger one, so it never passes without having killed mid-way.
 */
// An API of LEDGER_WORKERS=2 starts three processes at each (re)start.
jest.setTimeout(180_000);

const TRANCHE_FEN = 250_000;
const SUBMITTED_ON = '2023-11-20'; // trial year, first application: 2 months suffice
const DECIDED_ON = '2023-11-25';
const MONTHS = ['2023-09', '2023-10'];
const ATTEMPTS = [500, 900, 1_600];

const reviewer = tokenFor('rita', 'reviewer');
const finance = tokenFor('fay', 'finance');
const auditor = tokenFor('al', 'auditor');

/** `n` distinct resident IDs, disjoint across `batch`es. */
function personsOf(batch: number, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const year = 1960 + batch * 4 + Math.floor(i / 1_000);
    return makeResidentId('140211', `${year}0611`, i % 1_000);
  });
}

/** Counts of `types` among the events after `after`: cheap enough to poll every few ms. */
function tailCounts(
  db: Database.Database,
  after: number,
  types: readonly string[],
): Record<string, number> {
  const rows = db
    .prepare(
      `SELECT type, COUNT(*) AS n FROM events WHERE position > ? AND type IN (${types
        .map(() => '?')
        .join(', ')}) GROUP BY type`,
    )
    .all(after, ...types) as { type: string; n: number }[];
  const out: Record<string, number> = Object.fromEntries(types.map((t) => [t, 0]));
  for (const r of rows) out[r.type] = r.n;
  return out;
}

const headOf = (db: Database.Database) =>
  (db.prepare('SELECT COALESCE(MAX(position), 0) AS head FROM events').get() as { head: number })
    .head;

type KillVerdict = 'killed-midway' | 'too-late';

/**
 * Polls the file until `midway` says the process is halfway (then SIGKILLs it)
 * or `done` says it has already finished (then lets it finish and says so).
 */
async function killWhen(
  ledger: LedgerProcess,
  db: Database.Database,
  after: number,
  types: readonly string[],
  midway: (c: Record<string, number>) => boolean,
  done: (c: Record<string, number>) => boolean,
  deadlineMs = 30_000,
): Promise<KillVerdict> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const c = tailCounts(db, after, types);
    if (done(c)) return 'too-late';
    if (midway(c)) {
      await ledger.kill();
      return 'killed-midway';
    }
    if (Date.now() > deadline)
      throw new Error(`nothing happened in ${deadlineMs} ms: ${JSON.stringify(c)}`);
    await sleep(1);
  }
}

async function registerEnterprise(http: LedgerClient, code: string): Promise<void> {
  const r = await http.as(reviewer).post('/v1/enterprises', {
    creditCode: code,
    name: `大同崩溃恢复 ${code.slice(-4)} 有限公司`,
    industry: 'call',
    seats: 1_000,
    registeredOn: '2023-01-05',
  });
  expect(r.status).toBe(201);
}

const claimsFor = (persons: readonly string[]) =>
  persons.map((personId, i) => ({
    personId,
    name: `员工${i}`,
    wageMonths: MONTHS,
    insuranceMonths: MONTHS,
  }));

async function poll<T>(
  what: string,
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline)
      throw new Error(`${what}: not reached in ${ms} ms; last ${JSON.stringify(v).slice(0, 500)}`);
    await sleep(50);
  }
}

// Also with LEDGER_WORKERS=2 (issue #16): the SIGKILL hits the supervising
// process; its workers see their IPC channel close and exit.
describe.each([
  { api: 'one API process', env: {} as Record<string, string> },
  { api: 'an API of LEDGER_WORKERS=2', env: { LEDGER_WORKERS: '2' } },
])('recovery after a SIGKILL in the middle of a multi-stream process, $api', ({ env }) => {
  const started: LedgerProcess[] = [];
  const dirs: string[] = [];
  const start = async (dataDir: string) => {
    const p = await startLedger(dataDir, env);
    started.push(p);
    return p;
  };

  afterAll(async () => {
    await Promise.allSettled(started.map((p) => p.kill()));
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('given a tranche killed after some cap reservations, when the API restarts, then recovery finishes it with each reservation counted once', async () => {
    let attempt = 0;
    for (const size of ATTEMPTS) {
      attempt += 1;
      const dataDir = tempDataDir('crash-tranche');
      dirs.push(dataDir);
      let ledger = await start(dataDir);
      let http = new LedgerClient(ledger.baseUrl);
      const enterprise = makeCreditCode(8_200 + attempt);
      const persons = personsOf(attempt, size);
      await registerEnterprise(http, enterprise);
      const applicant = tokenFor('clerk', 'applicant', { enterpriseId: enterprise });
      const sub = await http.as(applicant).post('/v1/seat-applications', {
        enterpriseId: enterprise,
        submittedOn: SUBMITTED_ON,
        claims: claimsFor(persons),
      });
      expect(sub.status).toBe(201);
      const applicationId: string = sub.body.applicationId;
      const claimIds: string[] = sub.body.claims.map((c: any) => c.claimId);
      expect(sub.body.claims.every((c: any) => c.status === 'submitted')).toBe(true);
      const review = await http.as(reviewer).post(`/v1/seat-applications/${applicationId}/review`, {
        decidedOn: SUBMITTED_ON,
        decisions: claimIds.map((claimId) => ({ claimId, approve: true })),
      });
      expect(review.status).toBe(200);
      const trancheId = `${applicationId}.t1`;

      const db = openLedgerFileReadOnly(dataDir);
      let verdict: KillVerdict;
      try {
        const after = headOf(db);
        const request = http
          .as(finance)
          .post(`/v1/seat-applications/${applicationId}/tranches`, {
            tranche: 1,
            decidedOn: DECIDED_ON,
          })
          .catch((err: unknown) => err);
        verdict = await killWhen(
          ledger,
          db,
          after,
          ['TrancheApprovalStarted', 'CapReserved', 'TrancheApproved'],
          (c) => c.CapReserved >= Math.max(1, Math.floor(size / 10)),
          (c) => c.TrancheApproved > 0,
        );
        const answer = await request;
        if (verdict === 'too-late') {
          // The tranche finished before the kill: no proof of anything; try a bigger one.
          await ledger.stop();
          continue;
        }
        expect(answer).not.toHaveProperty('status'); // no answer: the connection died with the process

        // The half-done state on disk.
        const onDisk = tailCounts(db, after, [
          'TrancheApprovalStarted',
          'CapReserved',
          'CapReservationRefused',
          'TrancheApproved',
        ]);
        expect(onDisk.TrancheApprovalStarted).toBe(1);
        expect(onDisk.TrancheApproved).toBe(0);
        expect(onDisk.CapReservationRefused).toBe(0);
        expect(onDisk.CapReserved).toBeGreaterThan(0);
        expect(onDisk.CapReserved).toBeLessThan(size);
      } finally {
        db.close();
      }

      // Restart on the same file: start-up recovery finishes the tranche.
      ledger = await start(dataDir);
      http = new LedgerClient(ledger.baseUrl);
      const view = await poll(
        'tranche approved after restart',
        () => http.as(finance).get(`/v1/seat-applications/${applicationId}`),
        (r) => r.status === 200 && r.body.tranches?.[0]?.status === 'approved',
      );
      const tranche = view.body.tranches[0];
      expect(tranche.trancheId).toBe(trancheId);
      expect(tranche.amountFen).toBe(size * TRANCHE_FEN);
      expect(tranche.included).toHaveLength(size);
      expect(tranche.refused).toEqual([]);

      const check = openLedgerFileReadOnly(dataDir);
      try {
        const approved = readEvents(check, ['TrancheApproved']).filter(
          (e) => e.data.trancheId === trancheId,
        );
        expect(approved).toHaveLength(1);
        expect(approved[0].data.amountFen).toBe(size * TRANCHE_FEN);
        expect(approved[0].metadata).toMatchObject({
          actor: 'system:recovery',
          role: 'system',
          causationId: trancheId,
        });
        const reserved = countByField(check, 'CapReserved', 'reservationId');
        expect(reserved.size).toBe(size);
        expect([...reserved.values()].filter((n) => n !== 1)).toEqual([]);
        for (const claimId of claimIds) expect(reserved.get(`${trancheId}:${claimId}`)).toBe(1);
        expect(countByField(check, 'CapReservationRefused', 'reservationId').size).toBe(0);
        // No reservation counted twice: each one started from an empty cap.
        for (const e of readEvents(check, ['CapReserved'])) {
          expect([e.data.usedFenBefore, e.data.amountFen]).toEqual([0, TRANCHE_FEN]);
        }
      } finally {
        check.close();
      }

      const balance = await http
        .as(finance)
        .get(`/v1/enterprises/${enterprise}/balance?asOf=2023-12-31`);
      expect(balance.status).toBe(200);
      expect(balance.body.programmes.seat.approvedFen).toBe(size * TRANCHE_FEN);
      for (const k of [0, 1, Math.floor(size / 3), Math.floor(size / 2), size - 2, size - 1]) {
        const cap = await http.as(auditor).get(`/v1/persons/${persons[k]}/cap`);
        expect(cap.status).toBe(200);
        expect(cap.body).toMatchObject({
          usedFen: TRANCHE_FEN,
          byEnterprise: [{ enterpriseId: enterprise, usedFen: TRANCHE_FEN }],
        });
      }
      const again = await http.as(finance).post(`/v1/seat-applications/${applicationId}/tranches`, {
        tranche: 1,
        decidedOn: DECIDED_ON,
      });
      expect(again.status).toBe(422);
      expect(again.body.rule).toBe('R-SEAT-3');

      await ledger.stop();
      const { live, rebuilt } = await dumpLiveAndRebuilt(dataDir);
      expect(rebuilt).toEqual(live);
      expectLedgerVerifies(dataDir);
      return;
    }
    throw new Error(`every kill landed after the tranche finished (sizes ${ATTEMPTS.join(', ')})`);
  });

  it('given a submission killed after some person steps, when the API restarts, then the application is open with every claim submitted and each person-month claimed once', async () => {
    let attempt = 0;
    for (const size of ATTEMPTS) {
      attempt += 1;
      const dataDir = tempDataDir('crash-submit');
      dirs.push(dataDir);
      let ledger = await start(dataDir);
      let http = new LedgerClient(ledger.baseUrl);
      const enterprise = makeCreditCode(8_300 + attempt);
      const persons = personsOf(10 + attempt, size);
      await registerEnterprise(http, enterprise);
      const applicant = tokenFor('clerk', 'applicant', { enterpriseId: enterprise });

      const db = openLedgerFileReadOnly(dataDir);
      let applicationId: string;
      try {
        const after = headOf(db);
        const request = http
          .as(applicant)
          .post('/v1/seat-applications', {
            enterpriseId: enterprise,
            submittedOn: SUBMITTED_ON,
            claims: claimsFor(persons),
          })
          .catch((err: unknown) => err);
        const verdict = await killWhen(
          ledger,
          db,
          after,
          ['SeatApplicationSubmitted', 'PersonMonthsClaimed', 'SeatApplicationChecked'],
          (c) => c.PersonMonthsClaimed >= Math.max(1, Math.floor(size / 10)),
          (c) => c.SeatApplicationChecked > 0,
        );
        const answer = await request;
        if (verdict === 'too-late') {
          await ledger.stop();
          continue;
        }
        expect(answer).not.toHaveProperty('status');
        const onDisk = tailCounts(db, after, [
          'SeatApplicationSubmitted',
          'PersonMonthsClaimed',
          'DuplicateClaimRefused',
          'SeatApplicationChecked',
        ]);
        expect(onDisk.SeatApplicationSubmitted).toBe(1);
        expect(onDisk.SeatApplicationChecked).toBe(0);
        expect(onDisk.DuplicateClaimRefused).toBe(0);
        expect(onDisk.PersonMonthsClaimed).toBeGreaterThan(0);
        expect(onDisk.PersonMonthsClaimed).toBeLessThan(size);
        const submitted = readEvents(db, ['SeatApplicationSubmitted']);
        expect(submitted).toHaveLength(1);
        applicationId = submitted[0].data.applicationId;
      } finally {
        db.close();
      }

      ledger = await start(dataDir);
      http = new LedgerClient(ledger.baseUrl);
      const view = await poll(
        'submission checked after restart',
        () => http.as(reviewer).get(`/v1/seat-applications/${applicationId}`),
        (r) => r.status === 200 && r.body.status === 'open',
      );
      expect(view.body.firstTrancheMonths).toBe(2);
      expect(view.body.claims).toHaveLength(size);
      expect(view.body.claims.filter((c: any) => c.status !== 'submitted')).toEqual([]);
      expect(view.body.claims.map((c: any) => c.personId)).toEqual(persons);
      for (const c of view.body.claims) expect(c.months).toEqual(MONTHS);

      const check = openLedgerFileReadOnly(dataDir);
      try {
        expect(
          countByField(check, 'SeatApplicationChecked', 'applicationId').get(applicationId),
        ).toBe(1);
        expect(readEvents(check, ['DuplicateClaimRefused'])).toEqual([]);
        const claimed = readEvents(check, ['PersonMonthsClaimed']);
        expect(claimed).toHaveLength(size);
        const steps = countByField(check, 'PersonMonthsClaimed', 'stepId');
        expect(steps.size).toBe(size);
        expect([...steps.values()].filter((n) => n !== 1)).toEqual([]);
        const personMonths = new Map<string, number>();
        for (const e of claimed) {
          for (const m of e.data.months as string[]) {
            const k = `${e.data.personKey}|${m}`;
            personMonths.set(k, (personMonths.get(k) ?? 0) + 1);
          }
        }
        expect(personMonths.size).toBe(size * MONTHS.length);
        expect([...personMonths.values()].filter((n) => n !== 1)).toEqual([]);
        // The enterprise numbered the application once.
        const registered = readEvents(check).filter(
          (e) => e.stream.startsWith('enterprise-') && e.data.applicationId === applicationId,
        );
        expect(registered).toHaveLength(1);
      } finally {
        check.close();
      }

      // The recovered application works: a claim of it cannot be made twice.
      const again = await http.as(applicant).post('/v1/seat-applications', {
        enterpriseId: enterprise,
        submittedOn: SUBMITTED_ON,
        claims: claimsFor(persons.slice(0, 1)),
      });
      expect(again.status).toBe(201);
      expect(again.body.claims[0]).toMatchObject({ status: 'refused', rule: 'R-SEAT-6' });

      await ledger.stop();
      const { live, rebuilt } = await dumpLiveAndRebuilt(dataDir);
      expect(rebuilt).toEqual(live);
      expectLedgerVerifies(dataDir);
      return;
    }
    throw new Error(
      `every kill landed after the submission finished (sizes ${ATTEMPTS.join(', ')})`,
    );
  });
});

// The data directories made by tempDataDir(): a test leaves nothing behind (issue #10).
afterAll(() => removeTempDataDirs());
