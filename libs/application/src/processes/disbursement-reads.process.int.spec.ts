import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_POLICY_TABLE, LedgerError, maskResidentId, streams } from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { EventStore } from '@ledger/event-store/event-store.port';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps } from '../ledger-deps';
import { loadStream, runOnStream } from '../stream-command';
import { bankReferenceFold, seatApplicationFold, StreamFold } from '../stream-decider';
import { reviewApplication } from './application-review.process';
import { bankReferenceStream } from './bank-reference.process';
import { openCase } from './case-opening.process';
import { recordDisbursement } from './disbursement.process';
import { registerEnterprise } from './enterprise-registration.process';
import { openPublicity } from './publicity-opening.process';
import { submitSeatApplication } from './seat-submission.process';
import { approveTranche } from './tranche-approval.process';

/**
 * A payment decides its first writes on the streams its check has just read
 * (stream-command.ts `readJustNow`, issue #14's statement benchmark): a
 * writer that gets in between must still make it refuse, exactly as when
 * every write read its stream again.
 */
jest.setTimeout(60_000);

const T = 250_000;
const ctx = (actorId: string, role: string): CommandContext => ({
  actorId,
  role,
  recordedAt: '2026-01-01T00:00:00.000Z',
  correlationId: `${actorId}-${role}`,
});
const reviewer = ctx('rita', 'reviewer');
const finance = ctx('fay', 'finance');
const supervisor = ctx('sue', 'supervisor');
const SIX = ['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06'];

async function thrown(p: Promise<unknown>): Promise<LedgerError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LedgerError) return e;
    throw e;
  }
  throw new Error('expected a LedgerError');
}

/** The store, with `before` run once just before the first append of `type` to `stream`. */
function storeWithWriterBefore(
  store: EventStore,
  stream: string,
  type: string,
  before: () => Promise<unknown>,
): EventStore {
  let fired = false;
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'append') return Reflect.get(target, prop, receiver) as unknown;
      return async (...args: Parameters<EventStore['append']>) => {
        const [s, events] = args;
        if (!fired && s === stream && events.some((e) => e.type === type)) {
          fired = true;
          await before();
        }
        return target.append(...args);
      };
    },
  });
}

describe('a payment that decides on what its check read, with a writer in between', () => {
  let dir: string;
  let store: SqliteEventStore;
  let deps: LedgerDeps;
  let seq = 0;
  const id = (label: string) => `${label}-${++seq}`;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-payment-reads-'));
    store = SqliteEventStore.open({ dataDir: dir });
    const readModels = new SqliteReadModels(store.database);
    await readModels.catchUp((after, max) =>
      store.readAll({ afterPosition: after, maxCount: max }),
    );
    store.setInlineProjector(readModels);
    deps = { store, policies: DEFAULT_POLICY_TABLE };
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** An enterprise with one application of one claim, tranche 1 approved and published. */
  async function payableTranche(seed: number) {
    const enterpriseId = makeCreditCode(seed);
    await registerEnterprise(deps, reviewer, {
      enterpriseId,
      name: `E${seed}`,
      industry: 'call',
      seats: 300,
      registeredOn: '2023-01-02',
    });
    const applicationId = id('app');
    const personId = makeResidentId('140202', '19800101', seed % 1000);
    await submitSeatApplication(deps, reviewer, {
      applicationId,
      enterpriseId,
      submittedOn: '2023-07-03',
      claims: [
        {
          personKey: `pk-${seed}`,
          personId,
          personIdMasked: maskResidentId(personId),
          name: '张三',
          wageMonths: SIX,
          insuranceMonths: SIX,
        },
      ],
    });
    await reviewApplication(deps, ctx('rob', 'reviewer'), applicationId, {
      processId: id('review'),
      reviewedBy: 'rob',
      decidedOn: '2023-07-03',
      decisions: [{ claimId: `${applicationId}.c1`, approve: true }],
    });
    const trancheId = `${applicationId}.t1`;
    await approveTranche(deps, finance, applicationId, { tranche: 1, decidedOn: '2023-07-05' });
    await openPublicity(deps, reviewer, {
      publicityId: id('pub'),
      trancheIds: [trancheId],
      startsOn: '2023-07-06',
      endsOn: '2023-07-12',
    });
    return { enterpriseId, applicationId, trancheId };
  }

  it('given the check read a good standing, when a case suspends the enterprise before the clearance is written, then the payment is refused (R-FRAUD) and nothing is paid or claimed', async () => {
    const { enterpriseId, applicationId, trancheId } = await payableTranche(9_301);
    const bankRef = id('BANK');
    const racing = storeWithWriterBefore(
      store,
      streams.enterprise(enterpriseId),
      'TrancheClearanceGranted',
      () =>
        openCase(deps, supervisor, {
          caseId: id('case'),
          enterpriseId,
          openedOn: '2023-07-13',
          reason: 'tip',
          suspend: true,
        }),
    );
    const refused = await thrown(
      recordDisbursement({ ...deps, store: racing }, finance, {
        disbursementId: id('dis'),
        trancheId,
        paidOn: '2023-07-14',
        amountFen: T,
        bankRef,
      }),
    );
    expect({ kind: refused.kind, rule: refused.rule }).toEqual({
      kind: 'suspended',
      rule: 'R-FRAUD',
    });
    const app = await loadStream(
      store,
      streams.seatApplication(applicationId),
      seatApplicationFold,
    );
    expect(app.state.tranches.get(trancheId)?.disbursement).toBeUndefined();
    const ref = await loadStream(store, bankReferenceStream(bankRef), bankReferenceFold);
    expect(ref.events).toEqual([]);
  });

  it('given the check read an unpaid tranche, when another payment of it is recorded before this one is written, then this one is refused and its bank reference released', async () => {
    const { applicationId, trancheId } = await payableTranche(9_302);
    const first = { disbursementId: id('dis'), bankRef: id('BANK') };
    const other = { disbursementId: id('dis'), bankRef: id('BANK') };
    const payWith = (d: LedgerDeps, p: typeof first) =>
      recordDisbursement(d, finance, { ...p, trancheId, paidOn: '2023-07-14', amountFen: T });
    const racing = storeWithWriterBefore(
      store,
      streams.seatApplication(applicationId),
      'TrancheDisbursed',
      () => payWith(deps, other),
    );
    const refused = await thrown(payWith({ ...deps, store: racing }, first));
    expect(refused.kind).not.toBe('suspended');
    const app = await loadStream(
      store,
      streams.seatApplication(applicationId),
      seatApplicationFold,
    );
    expect(app.state.tranches.get(trancheId)?.disbursement?.disbursementId).toBe(
      other.disbursementId,
    );
    const released = await loadStream(store, bankReferenceStream(first.bankRef), bankReferenceFold);
    expect(released.state).toEqual({});
    const kept = await loadStream(store, bankReferenceStream(other.bankRef), bankReferenceFold);
    expect(kept.state.used).toMatchObject({ disbursementId: other.disbursementId });
    expect(kept.state.open).toBeFalsy();
  });

  describe('runOnStream given a read taken just before', () => {
    type Counted = { count: number };
    const counting: StreamFold<Counted, { type: string; data: object }> = {
      initial: () => ({ count: 0 }),
      evolve: (s) => ({ count: s.count + 1 }),
    };
    const tick = { type: 'Ticked', data: {} };
    const meta = () => metadataFor(finance, '2023-07-14');

    it('when another writer appended since and the decision on the read refuses, then it decides again on a fresh read and appends', async () => {
      const stream = `probe-${id('refuse')}`;
      const read = await loadStream(store, stream, counting);
      await store.append(stream, [{ ...tick, metadata: meta() }], 'no_stream');
      const decided: number[] = [];
      const written = await runOnStream(
        store,
        stream,
        counting,
        (s) => {
          decided.push(s.count);
          if (s.count === 0) throw new LedgerError('conflict', 'needs a tick first', 'R-PAY');
          return [tick];
        },
        meta,
        read,
      );
      expect(decided).toEqual([0, 1]);
      expect(written.state.count).toBe(2);
    });

    it('when another writer appended since and the decision on the read writes nothing, then it decides again on a fresh read', async () => {
      const stream = `probe-${id('nothing')}`;
      const read = await loadStream(store, stream, counting);
      await store.append(stream, [{ ...tick, metadata: meta() }], 'no_stream');
      const decided: number[] = [];
      const written = await runOnStream(
        store,
        stream,
        counting,
        (s) => {
          decided.push(s.count);
          return s.count === 0 ? [] : [tick];
        },
        meta,
        read,
      );
      expect(decided).toEqual([0, 1]);
      expect(written.position).toBeDefined();
    });

    it('when another writer appended since and the decision on the read appends, then the append is refused by its revision and decided again on a fresh read', async () => {
      const stream = `probe-${id('append')}`;
      const read = await loadStream(store, stream, counting);
      await store.append(stream, [{ ...tick, metadata: meta() }], 'no_stream');
      const decided: number[] = [];
      const written = await runOnStream(
        store,
        stream,
        counting,
        (s) => {
          decided.push(s.count);
          return [tick];
        },
        meta,
        read,
      );
      expect(decided).toEqual([0, 1]);
      expect((await loadStream(store, stream, counting)).state.count).toBe(2);
      expect(written.revision).toBe(1);
    });
  });
});
