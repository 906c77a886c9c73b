import * as fc from 'fast-check';
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

/**
 * The test vectors of RFC 8785 itself (and of its authors' reference
 * implementation, github.com/cyberphone/json-canonicalization, testdata/): a
 * hand-written canonicaliser is trusted only because it writes these bytes.
 */
describe('canonicalJson against the RFC 8785 test vectors', () => {
  /** The IEEE 754 double with the given bits, as RFC 8785 Appendix B lists them. */
  const doubleOf = (bitsHex: string): number => {
    const view = new DataView(new ArrayBuffer(8));
    view.setBigUint64(0, BigInt(`0x${bitsHex}`));
    return view.getFloat64(0);
  };

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'], // minus zero
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'], // round to even
  ])(
    'given the double %s (Appendix B), when encoded alone and as a member, then it is written %s',
    (bits, expected) => {
      const n = doubleOf(bits);
      expect(canonicalJson(n)).toBe(expected);
      expect(canonicalJson({ n })).toBe(`{"n":${expected}}`);
    },
  );

  it('given the property-sorting example of §3.2.3, when encoded, then members come in UTF-16 code-unit order', () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    const output = canonicalJson(JSON.parse(input));
    // The RFC states the result as the order of the values.
    expect([...output.matchAll(/:"([^"]*)"/g)].map((m) => m[1])).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
    expect(output).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('given the example of §3.2.4, when encoded, then the text and its UTF-8 bytes are the RFC’s', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    const output = canonicalJson(JSON.parse(input));
    expect(output).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
    expect(Buffer.from(output, 'utf8').toString('hex')).toBe(
      // As printed in §3.2.4, 20 bytes a line.
      `7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72
       75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
       5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31
       65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37
       5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30
       30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d`.replace(/\s+/g, ''),
    );
  });

  it.each([
    // arrays.json
    [
      String.raw`[56, {"d": true, "10": null, "1": [ ]}]`,
      String.raw`[56,{"1":[],"10":null,"d":true}]`,
    ],
    // french.json: locale plays no part in the order
    [
      String.raw`{"peach": "This sorting order", "péché": "is wrong according to French", "pêche": "but canonicalization MUST", "sin": "ingnore locale"}`,
      String.raw`{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}`,
    ],
    // structures.json
    [
      String.raw`{"1": {"f": {"f": "hi","F": 5} ,"\n": 56.0}, "10": { }, "": "empty", "a": { }, "111": [ { } ], "A": { }}`,
      String.raw`{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}`,
    ],
    // unicode.json: no Unicode normalisation
    [
      String.raw`{"Unnormalized Unicode":"\u1e0d\u0307"}`,
      '{"Unnormalized Unicode":"\u1e0d\u0307"}',
    ],
    // values.json
    [
      String.raw`{"numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001], "escaping": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}`,
      String.raw`{"escaping":"€$\u000f\nA'B\"\\\\\"/","literals":[null,true,false],"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}`,
    ],
    // weird.json
    [
      String.raw`{"\u20ac": "Euro Sign", "1": "One", "\u0080": "Control\u007f", "\ud83d\ude02": "Smiley", "\u00f6": "Latin Small Letter O With Diaeresis", "\ufb33": "Hebrew Letter Dalet With Dagesh", "</script>": "Browser Challenge"}`,
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude02":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ],
  ])(
    'given the reference input %s, when encoded, then it is the reference output',
    (input, expected) => {
      expect(canonicalJson(JSON.parse(input))).toBe(expected);
    },
  );

  it('given a lone surrogate (not I-JSON, so outside RFC 8785), when encoded, then it is escaped as JSON.stringify does', () => {
    expect(canonicalJson({ s: '\ud800' })).toBe('{"s":"\\ud800"}');
  });
});

describe('canonicalJson writes strings and numbers as JSON.stringify does', () => {
  // Every stored hash depends on these bytes: the writer's short cuts for
  // strings that need no escaping and for numbers must never differ.
  const edges = [
    '',
    '"',
    '\\',
    '\u0000',
    '\u001f',
    ' ',
    '\u007f',
    '\u2028',
    '\ud800',
    '\udfff',
    '😀',
    '大同',
  ];

  it('given any string (lone surrogates, controls, quotes and backslashes included), when encoded, then it is JSON.stringify’s text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string({ unit: 'grapheme' }),
          fc.array(fc.constantFrom(...edges, 'a', 'Z9')).map((parts) => parts.join('')),
        ),
        (s) => {
          expect(canonicalJson(s)).toBe(JSON.stringify(s));
          expect(canonicalJson({ [s]: s })).toBe(`{${JSON.stringify(s)}:${JSON.stringify(s)}}`);
        },
      ),
      { numRuns: 3_000 },
    );
    for (const s of edges) expect(canonicalJson([s])).toBe(JSON.stringify([s]));
  });

  it('given any number, when encoded, then it is JSON.stringify’s text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.maxSafeInteger()), (n) => {
        expect(canonicalJson(n)).toBe(JSON.stringify(n));
        expect(canonicalJson({ n })).toBe(JSON.stringify({ n }));
      }),
      { numRuns: 3_000 },
    );
    for (const n of [-0, 0.1, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, NaN, -Infinity]) {
      expect(canonicalJson([n])).toBe(JSON.stringify([n]));
    }
  });
});

describe('canonicalJson orders members as Array.prototype.sort orders their keys', () => {
  // The writer sorts small key lists itself (insertion, no work array) and
  // large ones with `sort()`: either way the order must be `sort()`'s, the
  // UTF-16 code-unit order every stored hash was computed with.
  const keyOf = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 6 }),
    fc.constantFrom('0', '1', '10', '2', '-1', '01', '4294967295', 'a', 'A', 'é', '😀', '\uFB01'),
  );
  const sortedBySort = (record: Record<string, number>) =>
    `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${record[k]}`)
      .join(',')}}`;

  it('given objects of 0 to 80 keys of any text (integer-like ones included), when encoded, then members come in sort() order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(keyOf, { maxLength: 80 }), (keys) => {
        const record: Record<string, number> = {};
        keys.forEach((k, i) => (record[k] = i));
        expect(canonicalJson(record)).toBe(sortedBySort(record));
      }),
      { numRuns: 3_000 },
    );
  });

  it('given 32 and 33 keys in reverse order (each side of the insertion-sort bound), when encoded, then members come in sort() order', () => {
    for (const n of [31, 32, 33]) {
      const record: Record<string, number> = {};
      for (let i = n; i > 0; i--) record[`k${String(i).padStart(2, '0')}`] = i;
      expect(canonicalJson(record)).toBe(sortedBySort(record));
    }
  });
});
