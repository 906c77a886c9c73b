import { personCapProjection } from './person-cap.projection';
import { journalSpecification } from './testing/projection-specification';
import { ledgerEvent, recorded } from './testing/ledger-events.fixture';

const spec = journalSpecification(personCapProjection);

describe('person cap projection (R-SEAT-5)', () => {
  it('given a cap reservation, when projected, then the person uses its amount from the decision date, for that enterprise', () => {
    const reserved = ledgerEvent('CapReserved', {
      reservationId: 'sa-1.t1:sa-1.c1',
      personKey: 'pk-1',
      trancheId: 'sa-1.t1',
      claimId: 'sa-1.c1',
      applicationId: 'sa-1',
      enterpriseId: 'E1',
      requestedFen: 250_000,
      amountFen: 200_000,
      usedFenBefore: 800_000,
      capFen: 1_000_000,
      decidedOn: '2023-02-01',
      policyVersion: 'datong-2022',
    });
    spec.when(recorded(reserved, { position: 4, recordedAt: '2023-02-01T02:00:00.000Z' })).then([
      {
        kind: 'journal',
        journal: 'person_cap_entries',
        row: {
          personKey: 'pk-1',
          enterpriseId: 'E1',
          reservationId: 'sa-1.t1:sa-1.c1',
          amountFen: 200_000,
          businessDate: '2023-02-01',
          recordedAt: '2023-02-01T02:00:00.000Z',
          position: 4,
        },
      },
    ]);
  });

  it('given a cap release, when projected, then the amount comes back from the release date', () => {
    const released = ledgerEvent('CapReleased', {
      reservationId: 'sa-1.t1:sa-1.c1',
      personKey: 'pk-1',
      enterpriseId: 'E1',
      amountFen: 200_000,
      releasedOn: '2023-02-08',
      reason: 'upheld objection',
      cause: { kind: 'objection', id: 'obj-1' },
    });
    spec
      .when(recorded(released, { position: 9, recordedAt: '2023-02-08T02:00:00.000Z' }))
      .thenRows([
        {
          personKey: 'pk-1',
          enterpriseId: 'E1',
          reservationId: 'sa-1.t1:sa-1.c1',
          amountFen: -200_000,
          businessDate: '2023-02-08',
          recordedAt: '2023-02-08T02:00:00.000Z',
          position: 9,
        },
      ]);
  });

  it('given a refused reservation, when projected, then nothing is used', () => {
    const refused = ledgerEvent('CapReservationRefused', {
      reservationId: 'r',
      personKey: 'pk-1',
      trancheId: 't',
      claimId: 'c',
      applicationId: 'a',
      enterpriseId: 'E1',
      requestedFen: 250_000,
      usedFenBefore: 1_000_000,
      capFen: 1_000_000,
      decidedOn: '2023-02-01',
      policyVersion: 'datong-2022',
      rule: 'R-SEAT-5',
      reason: 'cap reached',
    });
    spec.when(recorded(refused, { position: 5 })).then([]);
  });
});
