import { maskIdNumbers } from './redact';

describe('maskIdNumbers', () => {
  it('masks resident ID numbers as public lists do', () => {
    expect(maskIdNumbers('/v1/persons/140202199001011234/cap')).toBe(
      '/v1/persons/140202********1234/cap',
    );
    expect(maskIdNumbers('id 14020219900101123X and 14020219900101123x.')).toBe(
      'id 140202********123X and 140202********123x.',
    );
  });

  it('leaves other numbers and credit codes alone', () => {
    for (const text of [
      'position 12345678901234567',
      '91140200MA0K000001',
      '1402021990010112345',
    ]) {
      expect(maskIdNumbers(text)).toBe(text);
    }
  });
});
