import { CURRENT_EVENT_VERSIONS, currentEventVersion, storedEventVersion } from './event-versions';
import { trancheApprovedV1ToV2, trancheDisbursedV1ToV2, upcastEventData } from './upcasters';

const v1Approved = {
  type: 'TrancheApproved',
  data: {
    trancheId: 'a1.t1',
    included: [
      { claimId: 'a1.c1', amountFen: 250_000 },
      { claimId: 'a1.c2', amountFen: 100_000 },
    ],
  },
  metadata: { actor: 'fay', schemaVersion: 1 },
};

describe('schema versions and upcasters', () => {
  it('given every event type the domain writes, when its version is asked, then it has one', () => {
    expect(CURRENT_EVENT_VERSIONS['CapReserved']).toBe(1);
    expect(currentEventVersion('TrancheApproved')).toBe(2);
    expect(currentEventVersion('TrancheDisbursed')).toBe(2);
    expect(currentEventVersion('SomeNewProgrammeEvent')).toBe(1);
  });

  it('given metadata without a version (written before versions existed), when read, then it is version 1', () => {
    expect(storedEventVersion({})).toBe(1);
    expect(storedEventVersion(undefined)).toBe(1);
    expect(storedEventVersion({ schemaVersion: 2 })).toBe(2);
    expect(storedEventVersion({ schemaVersion: 'x' })).toBe(1);
  });

  it('given a v1 TrancheApproved without amountFen, when upcast, then amountFen is the sum of its claims', () => {
    const before = JSON.stringify(v1Approved);
    expect(upcastEventData(v1Approved)).toEqual({ ...v1Approved.data, amountFen: 350_000 });
    expect(JSON.stringify(v1Approved)).toBe(before); // pure: the input is untouched
  });

  it('given a v1 TrancheDisbursed without paidBy, when upcast, then paidBy is the actor who recorded it', () => {
    expect(
      upcastEventData({
        type: 'TrancheDisbursed',
        data: { trancheId: 'a1.t1', amountFen: 1 },
        metadata: { actor: 'fay' },
      }),
    ).toEqual({ trancheId: 'a1.t1', amountFen: 1, paidBy: 'fay' });
  });

  it('given data already in the newer shape under version 1, when upcast, then what is there is kept', () => {
    expect(trancheApprovedV1ToV2({ amountFen: 7, included: [] }, v1Approved)).toEqual({
      amountFen: 7,
      included: [],
    });
    expect(
      trancheDisbursedV1ToV2({ paidBy: 'finn' }, { ...v1Approved, type: 'TrancheDisbursed' }),
    ).toEqual({ paidBy: 'finn' });
  });

  it('given an event at the current version or a type without upcasters, when upcast, then the same data object comes back', () => {
    const data = { amountFen: 1 };
    expect(upcastEventData({ type: 'TrancheApproved', data, metadata: { schemaVersion: 2 } })).toBe(
      data,
    );
    expect(upcastEventData({ type: 'CapReserved', data, metadata: {} })).toBe(data);
  });
});
