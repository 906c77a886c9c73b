import { canonicalJson } from './canonical-json';

describe('canonicalJson (RFC 8785 style)', () => {
  it('given an object with keys in any order and nested values, when encoded, then keys are sorted and there is no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 'x'], c: null }, é: true })).toBe(
      '{"a":{"c":null,"d":[3,"x"]},"b":1,"é":true}',
    );
  });

  it('given two objects with the same members in another order, when encoded, then the texts are equal', () => {
    expect(canonicalJson({ x: 1, y: [1, { q: 2, p: 1 }] })).toBe(
      canonicalJson({ y: [1, { p: 1, q: 2 }], x: 1 }),
    );
  });

  it('given keys beyond the BMP, when sorted, then UTF-16 code-unit order is used (RFC 8785 §3.2.3)', () => {
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB01 (0xFB01 > 0xD83D).
    expect(canonicalJson({ '\uFB01': 1, '\u{1F600}': 2 })).toBe('{"\u{1F600}":2,"\uFB01":1}');
  });

  it('given values JSON leaves out or turns into null, when encoded, then it does as JSON.stringify does', () => {
    const value = {
      gone: undefined,
      fn: () => 1,
      list: [undefined, () => 1, NaN, Infinity, -0],
      date: new Date(Date.UTC(2023, 0, 2)),
    };
    expect(canonicalJson(value)).toBe(
      '{"date":"2023-01-02T00:00:00.000Z","list":[null,null,null,null,0]}',
    );
  });

  it('given any event-like value, when encoded before and after a JSON round trip, then the text is the same', () => {
    const value = {
      amountFen: 250_000,
      name: '张三 "quoted" \\ \n',
      claims: [{ personIdMasked: '140202********0119', months: ['2023-01'] }],
      reason: undefined,
      nested: { deep: { deeper: [1.5, -2, 1e21, 0.1] } },
    };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });

  it('given a number, when encoded, then it is written the ECMAScript way', () => {
    expect(canonicalJson([1, 1.5, 1e21, 1e-7, 100])).toBe('[1,1.5,1e+21,1e-7,100]');
  });

  it('given a cycle or a bigint, when encoded, then it throws', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
    expect(() => canonicalJson({ n: BigInt(1) })).toThrow(/bigint/);
  });

  it('given the same object twice in a value (not a cycle), when encoded, then both are written', () => {
    const shared = { a: 1 };
    expect(canonicalJson({ x: shared, y: shared })).toBe('{"x":{"a":1},"y":{"a":1}}');
  });
});
