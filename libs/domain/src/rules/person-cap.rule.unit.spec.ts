import { DATONG_2022 } from '../policy/datong-2022.policy';
import { personCapRule } from './person-cap.rule';

describe('R-SEAT-5 person cap', () => {
  const tranche = DATONG_2022.seat.trancheFen;

  it('given the policy, when the cap and tranche are read, then they are 10,000 and 2,500 yuan in fen', () => {
    expect(DATONG_2022.seat.personCapFen).toBe(1_000_000);
    expect(tranche).toBe(250_000);
  });

  it('given a person at 0, when a tranche of 2,500 yuan is reserved, then 2,500 yuan is reserved', () => {
    expect(personCapRule(0, tranche, DATONG_2022)).toEqual({ amountFen: 250_000 });
  });

  it('given a person at 7,500 yuan, when a tranche of 2,500 is reserved, then 2,500 is reserved', () => {
    expect(personCapRule(750_000, tranche, DATONG_2022)).toEqual({ amountFen: 250_000 });
  });

  it('given a person at 8,000 yuan, when a tranche of 2,500 is reserved, then the lesser 2,000 is reserved', () => {
    expect(personCapRule(800_000, tranche, DATONG_2022)).toEqual({ amountFen: 200_000 });
  });

  it('given a person at 9,999.99 yuan, when a tranche of 2,500 is reserved, then the last fen is reserved', () => {
    expect(personCapRule(999_999, tranche, DATONG_2022)).toEqual({ amountFen: 1 });
  });

  it('given a person at 10,000 yuan, when a tranche of 2,500 is reserved, then it is refused naming R-SEAT-5', () => {
    const decision = personCapRule(1_000_000, tranche, DATONG_2022);
    expect(decision).toEqual({
      refusal: {
        rule: 'R-SEAT-5',
        reason: 'the person has reached the cap of 1000000 fen across all employers',
      },
    });
  });

  it('given a person somehow above the cap, when a tranche is reserved, then it is refused naming R-SEAT-5', () => {
    expect(personCapRule(1_250_000, tranche, DATONG_2022)).toEqual({
      refusal: expect.objectContaining({ rule: 'R-SEAT-5' }),
    });
  });
});
