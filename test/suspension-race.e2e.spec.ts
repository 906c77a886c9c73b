import * as fs from 'node:fs';
import { expectLedgerVerifies } from './support/ledger-cli';
import { openLedgerFileReadOnly, readEvents } from './support/ledger-db';
import {
  LedgerClient,
  LedgerProcess,
  startLedger,
  tempDataDir,
  removeTempDataDirs,
} from './support/ledger-process';
import {
  answerKinds,
  LoggedEvent,
  prepareRound,
  race,
  RaceOutcome,
  recordedAfterSuspension,
} from './support/suspension-race';

/**
 * Issue #12 point 6 on the embedded store: two API processes on one data
 * directory; 24 payments and 8 tranche approvals of one enterprise in flight
 * when a case suspends it. R-FRAUD: no payment or approval decided before the
 * suspension may be recorded after it, so in the log every `TrancheDisbursed`,
 * `TrancheApprovalStarted` and `TrancheApproved` of the enterprise comes
 * before its `EnterpriseSuspended`, and each answer says which side it fell on
 * (201 before, 423 after). A round where every request landed on one side
 * proves nothing; the test then runs another, and fails if none split.
 */
jest.setTimeout(240_000);

const ROUNDS_MAX = 3;
const COUNTS = { payable: 24, approvable: 8 };

describe('a suspension racing payments and approvals, two API processes on one data directory', () => {
  const dataDir = tempDataDir('suspension-race');
  let p1: LedgerProcess | undefined;
  let p2: LedgerProcess | undefined;
  const http = (i: number) => new LedgerClient(i % 2 === 0 ? p1!.baseUrl : p2!.baseUrl);
  const outcomes: RaceOutcome[] = [];

  beforeAll(async () => {
    p1 = await startLedger(dataDir);
    p2 = await startLedger(dataDir);
  });

  afterAll(async () => {
    await Promise.allSettled([p1?.kill(), p2?.kill()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const logged = (): LoggedEvent[] => {
    const db = openLedgerFileReadOnly(dataDir);
    try {
      return readEvents(db);
    } finally {
      db.close();
    }
  };

  it('given payments and approvals in flight, when a case suspends the enterprise, then nothing of it is recorded after the suspension and every answer tells its side', async () => {
    let split = false;
    for (let n = 1; n <= ROUNDS_MAX && !split; n++) {
      const round = await prepareRound(http, 8_100 + n, COUNTS);
      const outcome = await race(http, round, `s${n}`, 10 + 4 * n);
      outcomes.push(outcome);
      expect(outcome.caseAnswer.status).toBe(201);

      const { suspendedAt, after, before } = recordedAfterSuspension(logged(), round.enterpriseId);
      expect(suspendedAt).toEqual(expect.any(Number));
      expect(after.map((e) => `${e.type} at ${e.position} > ${suspendedAt}`)).toEqual([]);

      const payments = answerKinds(outcome.payments);
      const approvals = answerKinds(outcome.approvals);
      const paid = new Set(
        before.filter((e) => e.type === 'TrancheDisbursed').map((e) => e.data.disbursementId),
      );
      expect(paid.size).toBe(payments.done);
      for (const a of outcome.payments.filter((x) => x.status === 201)) {
        expect(paid.has(a.body.disbursementId)).toBe(true);
        // The answer's position may be the settlement of its bank-reference
        // claim (its own stream, written after the payment); the payment itself
        // must precede the suspension.
        const recordedAt = before.find(
          (e) => e.type === 'TrancheDisbursed' && e.data.disbursementId === a.body.disbursementId,
        )?.position;
        expect(recordedAt).toBeLessThan(suspendedAt!);
      }
      const approved = before.filter((e) => e.type === 'TrancheApproved');
      expect(approved).toHaveLength(round.payable.length + approvals.done);
      split = payments.done + approvals.done > 0 && payments.suspended + approvals.suspended > 0;
    }
    expect({ split, rounds: outcomes.length }).toEqual({ split: true, rounds: expect.any(Number) });
  });

  it('given the race, when the processes stop, then `ledger verify` finds every invariant held, the suspension one included', async () => {
    expect(outcomes.length).toBeGreaterThan(0);
    await p1!.stop();
    await p2!.stop();
    expectLedgerVerifies(dataDir);
  });
});

// The data directories made by tempDataDir(): a test leaves nothing behind (issue #10).
afterAll(() => removeTempDataDirs());
