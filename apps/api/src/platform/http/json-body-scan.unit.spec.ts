import { JSON_DEPTH_MAX, scanJsonBody } from './json-body-scan';

describe('scanJsonBody (issue #12, point 13)', () => {
  it('passes ordinary bodies, repeated keys in different objects included', () => {
    for (const body of [
      '{}',
      '[]',
      '{"a":1,"b":[1,2,{"a":2}],"c":{"a":{"a":"\\"a\\":1"}}}',
      '{"claims":[{"name":"x"},{"name":"y"}]}',
      '"just a string with { and [ in it"',
      '{"a\\\\":1,"a":2}',
    ]) {
      expect(scanJsonBody(body)).toBeUndefined();
    }
  });

  it('finds a key twice in one object and names it by its path', () => {
    expect(scanJsonBody('{"name":"a","name":"b"}')).toEqual({
      kind: 'duplicate-key',
      field: 'name',
    });
    expect(scanJsonBody('{"claims":[{"x":1},{"name":"a","x":2,"name":"b"}]}')).toEqual({
      kind: 'duplicate-key',
      field: 'claims.1.name',
    });
    expect(scanJsonBody('{"a":{"b":[[{"c":1,"c":2}]]}}')).toEqual({
      kind: 'duplicate-key',
      field: 'a.b.0.0.c',
    });
  });

  it('sees through escapes: "name" and "n\\u0061me" are one key', () => {
    expect(scanJsonBody('{"name":"a","n\\u0061me":"b"}')).toEqual({
      kind: 'duplicate-key',
      field: 'name',
    });
  });

  it(`refuses nesting deeper than ${JSON_DEPTH_MAX} levels, and allows exactly that`, () => {
    const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(scanJsonBody(nest(JSON_DEPTH_MAX))).toBeUndefined();
    expect(scanJsonBody(nest(JSON_DEPTH_MAX + 1))).toEqual({ kind: 'too-deep' });
    expect(scanJsonBody(`{"a":${nest(JSON_DEPTH_MAX)}}`)).toEqual({ kind: 'too-deep' });
    expect(scanJsonBody(nest(1_000_000))).toEqual({ kind: 'too-deep' });
  });

  it('leaves malformed JSON to the parser', () => {
    for (const body of ['{"a":', '{"a', '{"a":"\\', '}}}]]', '{"a":1}}']) {
      expect(scanJsonBody(body)).toBeUndefined();
    }
  });
});
