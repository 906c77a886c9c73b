import * as fs from 'node:fs';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { expectLedgerVerifies } from './support/ledger-cli';
import { openLedgerFileReadOnly, readEvents } from './support/ledger-db';
import {
  LedgerClient,
  LedgerProcess,
  startLedger,
  tempDataDir,
  tokenFor,
  removeTempDataDirs,
} from './support/ledger-process';

/**
 * Issue #12 point 7 (R-PAY) with two API processes on one data directory:
 * fifty payments of one tranche, each with its own bank reference, race
 * through both processes. Exactly one is recorded; every other answer is a
 * 409, and no reference is left claimed by a payment that was not recorded
 * (ADR 0002: a claim is confirmed or released), so a loser's reference pays
 * another tranche. A round in which no payment got as far as claiming its
 * reference before the winner was recorded proves nothing; the test then
 * runs another round, and fails if none did.
 */
jest.setTimeout(120_000);

const RACERS = 50;
const ROUNDS_MAX = 4;
const T = 250_000;
const months = ['2022-11', '2022-12', '2023-01', '2023-02'];

describe('payments of one tranche racing through two API processes (R-PAY, issue #12)', () => {
  const dataDir = tempDataDir('payment-race');
  let p1: LedgerProcess | undefined;
  let p2: LedgerProcess | undefined;
  const reviewer = tokenFor('rita', 'reviewer');
  const finance = tokenFor('fay', 'finance');
  const http = (i: number) => new LedgerClient(i % 2 === 0 ? p1!.baseUrl : p2!.baseUrl);
  let enterprises = 0;

  beforeAll(async () => {
    p1 = await startLedger(dataDir);
    p2 = await startLedger(dataDir);
  });
  afterAll(async () => {
    await Promise.allSettled([p1?.kill(), p2?.kill()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A new enterprise with one approved claim, its tranche 1 published: payable from 2023-03-18. */
  async function payableTranche(): Promise<string> {
    const n = ++enterprises;
    const enterpriseId = makeCreditCode(9_300 + n);
    const r = await http(n)
      .as(reviewer)
      .post('/v1/enterprises', {
        creditCode: enterpriseId,
        name: `大同竞付呼叫 ${n} 有限公司`,
        industry: 'call',
        seats: 300,
        registeredOn: '2023-01-05',
      });
    expect(r.status).toBe(201);
    const applicant = tokenFor(`clerk-${n}`, 'applicant', { enterpriseId });
    const sub = await http(n)
      .as(applicant)
      .post('/v1/seat-applications', {
        enterpriseId,
        submittedOn: '2023-03-01',
        claims: [
          {
            personId: makeResidentId('140202', '19870707', 300 + n),
            name: '王五',
            wageMonths: months,
            insuranceMonths: months,
          },
        ],
      });
    expect(sub.status).toBe(201);
    const applicationId = sub.body.applicationId as string;
    const rev = await http(n)
      .as(reviewer)
      .post(`/v1/seat-applications/${applicationId}/review`, {
        decidedOn: '2023-03-05',
        decisions: [{ claimId: sub.body.claims[0].claimId, approve: true }],
      });
    expect(rev.status).toBe(200);
    const t = await http(n).as(finance).post(`/v1/seat-applications/${applicationId}/tranches`, {
      tranche: 1,
      decidedOn: '2023-03-10',
    });
    expect(t.status).toBe(201);
    const pub = await http(n)
      .as(reviewer)
      .post('/v1/publicity', {
        trancheIds: [t.body.trancheId],
        startsOn: '2023-03-11',
        endsOn: '2023-03-17',
      });
    expect(pub.status).toBe(201);
    return t.body.trancheId as string;
  }

  const pay = (i: number, trancheId: string, bankRef: string) =>
    http(i).as(finance).post(`/v1/tranches/${trancheId}/disbursements`, {
      paidOn: '2023-03-20',
      amountFen: T,
      bankRef,
    });

  /** Bank references whose streams hold a claim that was never confirmed nor released. */
  function referencesLeftClaimed(refs: readonly string[]): string[] {
    const db = openLedgerFileReadOnly(dataDir);
    try {
      const open = new Map<string, number>();
      for (const e of readEvents(db, [
        'BankReferenceUsed',
        'BankReferenceConfirmed',
        'BankReferenceReleased',
      ])) {
        const ref = e.data.bankRef as string;
        open.set(ref, (open.get(ref) ?? 0) + (e.type === 'BankReferenceUsed' ? 1 : -1));
      }
      return refs.filter((ref) => (open.get(ref) ?? 0) !== 0);
    } finally {
      db.close();
    }
  }

  function claimedReferences(refs: readonly string[]): string[] {
    const db = openLedgerFileReadOnly(dataDir);
    try {
      const claimed = new Set(readEvents(db, ['BankReferenceUsed']).map((e) => e.data.bankRef));
      return refs.filter((ref) => claimed.has(ref));
    } finally {
      db.close();
    }
  }

  it(`given one payable tranche, when ${RACERS} payments with distinct references race through two processes, then one is recorded and every loser's reference is free again`, async () => {
    let raced = false;
    for (let round = 1; round <= ROUNDS_MAX && !raced; round++) {
      const trancheId = await payableTranche();
      const refs = Array.from({ length: RACERS }, (_, i) => `RACE-${round}-${i}`);
      const answers = await Promise.all(refs.map((ref, i) => pay(i, trancheId, ref)));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s !== 201)).toEqual(refs.slice(1).map(() => 409));
      const winner = refs[statuses.indexOf(201)];
      const losers = refs.filter((r) => r !== winner);

      // The payment recorded is the winner's; no loser's claim is left behind.
      const view = await http(0)
        .as(finance)
        .get(`/v1/seat-applications/${trancheId.split('.')[0]}`);
      expect(view.body.tranches[0].disbursement.bankRef).toBe(winner);
      expect(referencesLeftClaimed(refs)).toEqual([]);

      // Losers that claimed their reference before the winner was recorded: the race.
      const claimedByLosers = claimedReferences(losers);
      raced = claimedByLosers.length > 0;
      if (raced) {
        const other = await payableTranche();
        const winnerAgain = await pay(0, other, winner);
        expect(winnerAgain.status).toBe(409);
        expect(winnerAgain.body.message).toContain('already recorded for another payment');
        const reused = await pay(1, other, claimedByLosers[0]);
        expect(reused.status).toBe(201);
      }
    }
    expect(raced).toBe(true);
  });

  it('given both processes stopped, when the ledger is verified, then every invariant holds', async () => {
    await p1!.stop();
    await p2!.stop();
    expectLedgerVerifies(dataDir);
  });
});

// The data directories made by tempDataDir(): a test leaves nothing behind (issue #10).
afterAll(() => removeTempDataDirs());
