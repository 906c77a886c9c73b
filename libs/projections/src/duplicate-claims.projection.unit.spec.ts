import { duplicateClaimsProjection } from './duplicate-claims.projection';
import { journalSpecification } from './testing/projection-specification';
import { ledgerEvent, recorded } from './testing/ledger-events.fixture';

const spec = journalSpecification(duplicateClaimsProjection);

describe('duplicate claims projection (R-SEAT-6)', () => {
  it('given a claim refused because another enterprise claimed the same months, when projected, then supervisors see it with the other claim', () => {
    const refused = ledgerEvent('DuplicateClaimRefused', {
      stepId: 'sa-2:sa-2.c1',
      personKey: 'pk-1',
      personIdMasked: '140202********1234',
      claimId: 'sa-2.c1',
      applicationId: 'sa-2',
      enterpriseId: 'E2',
      months: ['2022-11', '2022-12'],
      filedOn: '2023-02-16',
      rule: 'R-SEAT-6',
      conflictsWith: [{ claimId: 'sa-1.c1', enterpriseId: 'E1', months: ['2022-12'] }],
    });
    spec.when(recorded(refused, { position: 21 })).thenRows([
      {
        personKey: 'pk-1',
        personIdMasked: '140202********1234',
        claimId: 'sa-2.c1',
        applicationId: 'sa-2',
        enterpriseId: 'E2',
        months: ['2022-11', '2022-12'],
        conflictsWith: [{ claimId: 'sa-1.c1', enterpriseId: 'E1', months: ['2022-12'] }],
        businessDate: '2023-02-16',
        position: 21,
      },
    ]);
  });

  it('given months claimed without conflict, when projected, then nothing is recorded', () => {
    const claimed = ledgerEvent('PersonMonthsClaimed', {
      stepId: 's',
      personKey: 'pk-1',
      personIdMasked: '140202********1234',
      claimId: 'sa-1.c1',
      applicationId: 'sa-1',
      enterpriseId: 'E1',
      months: ['2022-12'],
      filedOn: '2023-01-10',
    });
    spec.when(recorded(claimed, { position: 3 })).then([]);
  });
});
