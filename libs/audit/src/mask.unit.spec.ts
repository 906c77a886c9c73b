import { makeResidentId } from '@ledger/domain/identity/test-ids';
import { maskAccountNumbers, maskIdNumbersInText, maskResidentIds } from './mask';

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

describe('maskIdNumbersInText / maskResidentIds, hostile spellings (issue #12, point 14)', () => {
  // GB 11643's own example: 11010519491231002X.
  const WITH_X = '11010519491231002X';

  it.each([
    [
      'a lowercase x check character',
      `id ${WITH_X.slice(0, 17)}x here`,
      'id 110105********002x here',
    ],
    ['an ID glued to letters', `abc${WITH_X}def`, 'abc110105********002Xdef'],
    ['an ID inside a longer run of digits', `99${WITH_X}1`, '991101***********02X1'],
    [
      'a wrong check digit',
      `no ${ID.slice(0, 17)}${ID[17] === '0' ? '1' : '0'}`,
      `no ${ID.slice(0, 6)}********${ID.slice(14, 17)}${ID[17] === '0' ? '1' : '0'}`,
    ],
    [
      'full-width digits',
      `${[...ID].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('')}`,
      undefined,
    ],
  ])('masks %s', (_what, text, expected) => {
    const masked = maskIdNumbersInText(text);
    if (expected !== undefined) expect(masked).toBe(expected);
    expect(masked).toContain('********');
    expect(masked).not.toContain(WITH_X.slice(0, 17));
    expect(masked).not.toContain(ID.slice(0, 17));
  });

  it('leaves a 17-digit number (a position, an amount) alone', () => {
    expect(maskIdNumbersInText('position 12345678901234567')).toBe('position 12345678901234567');
  });

  it('masks an actor id that is an ID number and free text in any field, keeps credit codes, stream names and hashes', () => {
    const hash = `ab${'1'.repeat(18)}${'c'.repeat(44)}`;
    const glued = `${ID}x`;
    const masked = maskResidentIds({
      reviewedBy: ID.toLowerCase(),
      note: `see ${glued}`,
      enterpriseId: '911402000000000192',
      stream: 'enterprise-911402000000000192',
      hash,
      prevHash: hash,
      personKey: hash,
      bankRef: '20230320000000000001',
      documentRef: `doc ${ID}`,
    });
    expect(masked).toEqual({
      reviewedBy: MASKED,
      note: `see ${ID.slice(0, 6)}*********${ID.slice(15)}x`,
      enterpriseId: '911402000000000192',
      stream: 'enterprise-911402000000000192',
      hash,
      prevHash: hash,
      personKey: hash,
      bankRef: '20230320000000000001',
      documentRef: `doc ${MASKED}`,
    });
  });

  it('given the hashes a statement and an export are named by, when masked, then they reach their reader unchanged', () => {
    // A sha256 in hex holds 18 decimal digits in a row about once in a hundred.
    const sha256 = `74fdb891326${'4'.repeat(18)}${'e'.repeat(35)}`;
    expect(maskResidentIds({ statementId: sha256, file: { sha256 } })).toEqual({
      statementId: sha256,
      file: { sha256 },
    });
  });

  it('returns what is not plain data as it is', () => {
    const buffer = Buffer.from(ID);
    expect(maskResidentIds({ file: buffer }).file).toBe(buffer);
  });
});

describe('maskAccountNumbers (issue #14)', () => {
  it('given account numbers nested in a batch, when masked, then each shows its last four digits and nothing else changes', () => {
    const batch = {
      items: [{ accountNumber: '6222020200112233445', bankCode: '102162000017', amountFen: 100 }],
      account: { accountNumber: '12345678' },
    };
    expect(maskAccountNumbers(batch)).toEqual({
      items: [{ accountNumber: '***************3445', bankCode: '102162000017', amountFen: 100 }],
      account: { accountNumber: '****5678' },
    });
    expect(batch.items[0].accountNumber).toBe('6222020200112233445');
  });
});
