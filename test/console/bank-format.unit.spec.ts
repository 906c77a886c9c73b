import {
  barPercent,
  basisPointsText,
  isAccountNumber,
  isCnapsCode,
  statementRequest,
  trancheIdList,
} from '../../apps/console/src/pages/bank/bank-format';

describe('the bank pages check and shape what a person enters before the API sees it', () => {
  it('given bank codes, when checked in the browser, then only 12 digits pass as a CNAPS code', () => {
    expect(isCnapsCode('102162000015')).toBe(true);
    expect(isCnapsCode(' 102162000015 ')).toBe(true);
    expect(isCnapsCode('10216200001')).toBe(false);
    expect(isCnapsCode('1021620000155')).toBe(false);
    expect(isCnapsCode('10216200001X')).toBe(false);
    expect(isCnapsCode('')).toBe(false);
  });

  it('given account numbers, when checked, then 8 to 32 digits pass as the API takes them', () => {
    expect(isAccountNumber('12345678')).toBe(true);
    expect(isAccountNumber('6222020200112233445')).toBe(true);
    expect(isAccountNumber('1234567')).toBe(false);
    expect(isAccountNumber('1'.repeat(33))).toBe(false);
    expect(isAccountNumber('6222-0202')).toBe(false);
  });

  it('given a statement file, when it is XML (by name or by its first character), then it is sent as XML; otherwise as the CSV body', () => {
    expect(statementRequest('s.xml', 'anything')).toEqual({ kind: 'xml', text: 'anything' });
    expect(statementRequest('bank.txt', '\uFEFF  <?xml version="1.0"?><Document/>').kind).toBe(
      'xml',
    );
    const csv = 'bookingDate,direction,amount,currency,bankRef,endToEndId,caseRef,returned\n';
    expect(statementRequest('s.CSV', csv)).toEqual({
      kind: 'csv',
      body: { format: 'csv', content: csv },
    });
  });

  it('given basis points, when shown, then as a percentage with two decimals by integer arithmetic', () => {
    expect(basisPointsText(4_250)).toBe('42.50%');
    expect(basisPointsText(10_000)).toBe('100.00%');
    expect(basisPointsText(7)).toBe('0.07%');
    expect(basisPointsText(null)).toBe('—');
  });

  it('given paid and appropriated, when a bar is drawn, then its width is the share, capped at 100 and 0 with nothing appropriated', () => {
    expect(barPercent(250, 1_000)).toBe(25);
    expect(barPercent(2_000, 1_000)).toBe(100);
    expect(barPercent(5, 0)).toBe(0);
    expect(barPercent(-5, 100)).toBe(0);
  });

  it('given tranche ids typed, pasted or picked, when listed, then each appears once in order', () => {
    expect(trancheIdList('a.t1\nb.t1, c.t1，a.t1  \n\n')).toEqual(['a.t1', 'b.t1', 'c.t1']);
    expect(trancheIdList('  ')).toEqual([]);
  });
});
