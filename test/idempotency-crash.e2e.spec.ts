import * as fs from 'node:fs';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { expectLedgerVerifies } from './support/ledger-cli';
import { openLedgerFileReadOnly, readEvents, sleep } from './support/ledger-db';
import {
  Answer,
  LedgerClient,
  LedgerProcess,
  startLedger,
  tempDataDir,
  tokenFor,
  removeTempDataDirs,
} from './support/ledger-process';

/**
 * Issue #12, point 1: an `Idempotency-Key` retried after a crash must not run
 * the command twice. The API is started with the test-only hook
 * LEDGER_TEST_CRASH_AFTER_APPEND=1, which SIGKILLs the process right after a
 * keyed command committed its events and before its answer is recorded; the
 * client never hears back and retries the same key on the restarted API.
 */
jest.setTimeout(180_000);

const reviewer = tokenFor('rita', 'reviewer');
const MONTHS = ['2023-09', '2023-10'];
const PERSONS = 5;
/** Longer than the lease of a claim left by a dead process (60 s). */
const IN_PROGRESS_PATIENCE_MS = 90_000;

const countOf = (dataDir: string, type: string) => {
  const db = openLedgerFileReadOnly(dataDir);
  try {
    return readEvents(db, [type]).length;
  } finally {
    db.close();
  }
};

/** Retries while the key is reported still in progress (a claim of the dead process). */
async function retryUntilSettled(send: () => Promise<Answer>): Promise<Answer> {
  const deadline = Date.now() + IN_PROGRESS_PATIENCE_MS;
  for (;;) {
    const answer = await send();
    const inProgress =
      answer.status === 409 && /still in progress/.test(String(answer.body?.message));
    if (!inProgress || Date.now() > deadline) return answer;
    await sleep(1_000);
  }
}

describe('Idempotency-Key retried after a crash between the commit and the answer', () => {
  const started: LedgerProcess[] = [];
  let dataDir: string;

  beforeAll(() => {
    dataDir = tempDataDir('idem-crash');
  });
  afterAll(async () => {
    await Promise.allSettled(started.map((p) => p.kill()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('given a submission whose API died before answering, when the same key is retried, then the submission exists once and no false duplicate-claim lead is recorded', async () => {
    const crashing = await startLedger(dataDir, { LEDGER_TEST_CRASH_AFTER_APPEND: '1' });
    started.push(crashing);
    let http = new LedgerClient(crashing.baseUrl);
    const enterpriseId = makeCreditCode(8_700);
    const registered = await http.as(reviewer).post('/v1/enterprises', {
      creditCode: enterpriseId,
      name: '大同幂等崩溃 有限公司',
      industry: 'call',
      seats: 1_000,
      registeredOn: '2023-01-05',
    });
    expect(registered.status).toBe(201); // no key: the hook leaves it alone

    const applicant = tokenFor('clerk', 'applicant', { enterpriseId });
    const body = {
      enterpriseId,
      submittedOn: '2023-11-20',
      claims: Array.from({ length: PERSONS }, (_, i) => ({
        personId: makeResidentId('140211', '19800611', i),
        name: `员工${i}`,
        wageMonths: MONTHS,
        insuranceMonths: MONTHS,
      })),
    };
    const submit = (client: LedgerClient) =>
      client.as(applicant).post('/v1/seat-applications', body, { 'idempotency-key': 'sub-1' });

    const lost = await submit(http).catch((error: unknown) => error);
    expect(lost).not.toHaveProperty('status'); // the connection died with the process
    await crashing.kill();
    expect(crashing.child.signalCode).toBe('SIGKILL');
    // The command had committed: the crash landed after it, before the answer.
    expect(countOf(dataDir, 'SeatApplicationSubmitted')).toBe(1);
    expect(countOf(dataDir, 'PersonMonthsClaimed')).toBe(PERSONS);

    const restarted = await startLedger(dataDir);
    started.push(restarted);
    http = new LedgerClient(restarted.baseUrl);
    const retried = await retryUntilSettled(() => submit(http));
    const again = await submit(http);

    expect(countOf(dataDir, 'SeatApplicationSubmitted')).toBe(1);
    expect(countOf(dataDir, 'PersonMonthsClaimed')).toBe(PERSONS);
    expect(countOf(dataDir, 'DuplicateClaimRefused')).toBe(0);
    // The answer was lost with the process: the retry says so instead of running again.
    expect({ status: retried.status, message: retried.body?.message }).toEqual({
      status: 409,
      message: expect.stringMatching(/answer was not recorded.*not run again/),
    });
    expect(again.status).toBe(409);
    const leads = await http.as(tokenFor('sue', 'supervisor')).get('/v1/duplicate-claims');
    expect(leads.status).toBe(200);
    expect(leads.body.items).toEqual([]);

    await restarted.stop();
    expectLedgerVerifies(dataDir);
  });
});

// The data directories made by tempDataDir(): a test leaves nothing behind (issue #10).
afterAll(() => removeTempDataDirs());
