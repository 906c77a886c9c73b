import { makeResidentId } from '@ledger/domain/identity/test-ids';
import { maskResidentIds } from './mask';

const ID = makeResidentId('140202', '19900101', 119);
const MASKED = `${ID.slice(0, 6)}********${ID.slice(14)}`;

describe('maskResidentIds', () => {
  it('given event data with ID numbers at any depth, when masked, then none is left in full', () => {
    const data = {
      claims: [{ personId: ID, personIdMasked: MASKED, name: '张三' }],
      nested: { list: [ID], note: `employee ${ID} left` },
      amountFen: 250_000,
      personKey: 'a'.repeat(40),
    };
    const masked = maskResidentIds(data);
    expect(JSON.stringify(masked)).not.toContain(ID);
    expect(masked).toEqual({
      claims: [{ personId: MASKED, personIdMasked: MASKED, name: '张三' }],
      nested: { list: [MASKED], note: `employee ${MASKED} left` },
      amountFen: 250_000,
      personKey: 'a'.repeat(40),
    });
    expect(data.claims[0].personId).toBe(ID); // the input is not touched
  });

  it('given an 18-character value under an ID key that fails the check digit, when masked, then it is masked anyway', () => {
    expect(maskResidentIds({ personId: '140202199001011111' })).toEqual({
      personId: '140202********1111',
    });
  });

  it('given other 18-character values (a credit code), when masked, then they stay', () => {
    expect(maskResidentIds({ enterpriseId: '91140200MA0K00001X' })).toEqual({
      enterpriseId: '91140200MA0K00001X',
    });
  });
});
