import { maskResidentId, streams } from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { EventStore, RecordedEvent } from '@ledger/event-store/event-store.port';
import { LedgerDeps } from '../ledger-deps';
import { reviewApplication } from './application-review.process';
import { openCase } from './case-opening.process';
import { submitSeatApplication } from './seat-submission.process';
import { approveTranche } from './tranche-approval.process';
import { IN_ONE_CLAIMS_MAX } from './tranche-approval-in-one.process';
import { registeredCallCentre } from '../testing/payable-tranche';
import { thrown } from '../testing/thrown';
import { ctx, reviewer, finance, supervisor, sqliteLedgerForTest } from '../testing/process-ledger';
import { storeWithWriterBefore } from '../testing/store-with-writer-before';

/**
 * A tranche approval written in one append (tranche-approval-in-one.process.ts,
 * issue #16) decides on streams it read before: a writer that gets in between
 * on any of them must refuse the whole append, and the approval must then
 * decide exactly as the step-by-step process does on fresh reads.
 */
jest.setTimeout(60_000);

/** The store as EventStoreDB offers it: no `appendAll`, so every process goes step by step. */
function storeWithoutAppendAll(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'appendAll') return undefined;
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

describe('a tranche approval in one append', () => {
  const ledger = sqliteLedgerForTest('ledger-approval-in-one-', { projected: true });
  let seq = 0;
  const id = (label: string) => `${label}-${++seq}`;

  /** An enterprise with one reviewed application of a claim for `months` of each of `persons`. */
  async function reviewedApplication(seed: number, person: number, months: string[], persons = 1) {
    const enterpriseId = makeCreditCode(seed);
    await registeredCallCentre(ledger.deps, reviewer, enterpriseId, `E${seed}`);
    const applicationId = id('app');
    const personIds = Array.from({ length: persons }, (_, k) =>
      makeResidentId('140202', '19800101', person + k),
    );
    await submitSeatApplication(ledger.deps, reviewer, {
      applicationId,
      enterpriseId,
      submittedOn: '2023-07-03',
      claims: personIds.map((personId, k) => ({
        personKey: `pk-${person + k}`,
        personId,
        personIdMasked: maskResidentId(personId),
        name: '张三',
        wageMonths: months,
        insuranceMonths: months,
      })),
    });
    await reviewApplication(ledger.deps, ctx('rob', 'reviewer'), applicationId, {
      processId: id('review'),
      reviewedBy: 'rob',
      decidedOn: '2023-07-03',
      decisions: personIds.map((_, k) => ({
        claimId: `${applicationId}.c${k + 1}`,
        approve: true,
      })),
    });
    return { enterpriseId, applicationId, personKey: `pk-${person}` };
  }

  const approve = (deps: LedgerDeps, applicationId: string) =>
    approveTranche(deps, finance, applicationId, { tranche: 1, decidedOn: '2023-07-05' });

  /** What an approval wrote, in order: stream kind, type, and the metadata a replay decides on. */
  const shapeOf = (events: RecordedEvent[]) =>
    events.map((e) => ({
      stream: e.stream.split('-')[0],
      type: e.type,
      dataFields: Object.keys(e.data).sort(),
      businessDate: e.metadata.businessDate,
      policyVersion: e.metadata.policyVersion,
      causationId: e.metadata.causationId?.replace(/^.*\.t1$/, 'the tranche'),
    }));

  const H1 = ['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06'];

  it('given nothing written between its reads and its append, when a tranche is approved on the embedded store, then the clearance, the start, the reservation and the completion are one append, the same events as step by step', async () => {
    const inOne = await reviewedApplication(9_401, 401, H1);
    const stepByStep = await reviewedApplication(9_402, 402, H1);

    const stats0 = ledger.store.appendStats();
    const head0 = await ledger.store.headPosition();
    const a = await approve(ledger.deps, inOne.applicationId);
    expect(ledger.store.appendStats().appends - stats0.appends).toBe(1);
    const writtenInOne = await ledger.store.readAll({ afterPosition: head0 });
    expect(writtenInOne.map((e) => [e.stream, e.type])).toEqual([
      [streams.enterprise(inOne.enterpriseId), 'TrancheClearanceGranted'],
      [streams.seatApplication(inOne.applicationId), 'TrancheApprovalStarted'],
      [streams.seatApplication(inOne.applicationId), 'TrancheApproved'],
      [streams.person(inOne.personKey), 'CapReserved'],
    ]);
    expect(writtenInOne[1].data).toMatchObject({
      clearanceId: (writtenInOne[0].data as { clearanceId: string }).clearanceId,
    });
    expect(a.position).toBe(writtenInOne[3].position);

    const stats1 = ledger.store.appendStats();
    const head1 = await ledger.store.headPosition();
    const b = await approve(
      { ...ledger.deps, store: storeWithoutAppendAll(ledger.store) },
      stepByStep.applicationId,
    );
    expect(ledger.store.appendStats().appends - stats1.appends).toBe(4);
    const writtenStepByStep = await ledger.store.readAll({ afterPosition: head1 });
    const byStream = (events: RecordedEvent[]) =>
      shapeOf([...events].sort((x, y) => x.stream.localeCompare(y.stream)));
    expect(byStream(writtenInOne)).toEqual(byStream(writtenStepByStep));
    expect({ ...a.result, trancheId: '' }).toEqual({
      ...b.result,
      trancheId: '',
      included: b.result.included.map((c) => ({
        ...c,
        claimId: `${inOne.applicationId}.c1`,
      })),
    });
  });

  it('given its reads, when a case suspends the enterprise before the approval is written, then it is refused (R-FRAUD) and nothing of it is written', async () => {
    const app = await reviewedApplication(9_403, 403, H1);
    const racing = storeWithWriterBefore(
      ledger.store,
      streams.enterprise(app.enterpriseId),
      'TrancheClearanceGranted',
      () =>
        openCase(ledger.deps, supervisor, {
          caseId: id('case'),
          enterpriseId: app.enterpriseId,
          openedOn: '2023-07-04',
          reason: 'tip',
          suspend: true,
        }),
    );
    const refused = await thrown(approve({ ...ledger.deps, store: racing }, app.applicationId));
    expect({ kind: refused.kind, rule: refused.rule }).toEqual({
      kind: 'suspended',
      rule: 'R-FRAUD',
    });
    const written = [
      ...(await ledger.store.readStream(streams.seatApplication(app.applicationId))),
      ...(await ledger.store.readStream(streams.person(app.personKey))),
    ].map((e) => e.type);
    expect(written).not.toContain('TrancheApprovalStarted');
    expect(written).not.toContain('CapReserved');
  });

  it("given its reads, when another tranche reserves the same person's cap before this one is written, then this reservation is decided on the cap as it then stands (R-SEAT-5)", async () => {
    const first = await reviewedApplication(9_404, 404, H1);
    const second = await reviewedApplication(9_405, 404, [
      '2022-07',
      '2022-08',
      '2022-09',
      '2022-10',
      '2022-11',
      '2022-12',
    ]);
    const racing = storeWithWriterBefore(
      ledger.store,
      streams.person(first.personKey),
      'CapReserved',
      () => approve(ledger.deps, second.applicationId),
    );
    const a = await approve({ ...ledger.deps, store: racing }, first.applicationId);
    const reservations = (await ledger.store.readStream(streams.person(first.personKey)))
      .filter((e) => e.type === 'CapReserved' || e.type === 'CapReservationRefused')
      .map((e) => e.data as { trancheId: string; usedFenBefore: number; amountFen?: number });
    expect(reservations.map((r) => r.trancheId)).toEqual([
      `${second.applicationId}.t1`,
      `${first.applicationId}.t1`,
    ]);
    // Decided on the stale read it would say 0: the other tranche's reservation would not count.
    expect(reservations[1].usedFenBefore).toBeGreaterThan(0);
    expect(reservations[1].usedFenBefore).toBe(
      reservations[0].usedFenBefore + reservations[0].amountFen!,
    );
    expect(a.result.amountFen).toBe(reservations[1].amountFen ?? 0);
  });

  it('given a tranche of more claims than one append takes, when it is approved, then it goes step by step, its reservations in appends of their own', async () => {
    const big = await reviewedApplication(9_406, 500, H1, IN_ONE_CLAIMS_MAX + 1);
    const stats0 = ledger.store.appendStats();
    const approved = await approve(ledger.deps, big.applicationId);
    expect(approved.result.included).toHaveLength(IN_ONE_CLAIMS_MAX + 1);
    // The clearance, the start, each reservation, the completion.
    expect(ledger.store.appendStats().appends - stats0.appends).toBe(IN_ONE_CLAIMS_MAX + 4);
  });
});
