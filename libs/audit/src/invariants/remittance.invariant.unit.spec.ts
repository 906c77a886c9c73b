import { event, invariantSpecification } from '../testing/invariant-specification';
import { RemittanceInvariant } from './remittance.invariant';

const spec = invariantSpecification(() => new RemittanceInvariant());
const recovered = (amountFen: number, receivedOn = '2023-04-10') =>
  event('RecoveryRecorded', {
    caseId: 'c1',
    recoveryId: `r-${amountFen}`,
    receivedOn,
    amountFen,
    bankRef: 'B',
    allocations: [],
  });
const remitted = (amountFen: number, fiscalYear = 2023) =>
  event('RemittanceRecorded', {
    remittanceId: 'm1',
    fiscalYear,
    remittedOn: '2023-04-20',
    amountFen,
    treasuryRef: 'T',
  });

describe('remitted never exceeds recovered (RemittanceInvariant)', () => {
  it('given 200,000 recovered in 2023, when 200,000 are remitted for 2023, then it holds', () => {
    spec.given(recovered(200_000)).when(remitted(200_000)).thenHolds();
  });

  it('given 200,000 recovered in 2023, when 200,001 are remitted, then it is named', () => {
    spec
      .given(recovered(200_000))
      .when(remitted(200_001))
      .thenViolates(
        'R-FRAUD',
        /fiscal year 2023: 200001 fen remitted, more than the 200000 fen recovered/,
      );
  });

  it('given a recovery in 2022, when remitted for 2023, then it is named', () => {
    spec
      .given(recovered(200_000, '2022-12-31'))
      .when(remitted(1))
      .thenViolates('R-FRAUD', /fiscal year 2023/);
  });
});
