import {
  cloneDocument,
  asLedgerEvent,
  canonicalInstant,
  checkpointName,
  documentOperations,
  DocumentProjection,
  listTerm,
  listTermsOf,
} from './read-model';
import { recorded } from './testing/ledger-events.fixture';
import * as fc from 'fast-check';

interface Counter {
  count: number;
}

/** A toy document read model: counts `Tick` events per stream, deleted by `Reset`. */
const counter: DocumentProjection<Counter> = {
  kind: 'document',
  name: 'counter',
  version: 3,
  collection: 'counter',
  documentIds: (event) => (event.type === 'Tick' || event.type === 'Reset' ? [event.stream] : []),
  evolve: (doc, event) => {
    if (event.type === 'Reset') return null;
    return { count: (doc?.count ?? 0) + 1 };
  },
};

describe('read-model operations', () => {
  it('given no document, when evolve makes one, then it is a put', () => {
    const ops = documentOperations(
      counter,
      recorded({ type: 'Tick', data: {} }, { position: 1, stream: 's' }),
      () => undefined,
    );
    expect(ops).toEqual([{ kind: 'put', collection: 'counter', id: 's', doc: { count: 1 } }]);
  });

  it('given a document, when evolve returns null, then it is a delete; given none, nothing', () => {
    const reset = recorded({ type: 'Reset', data: {} }, { position: 2, stream: 's' });
    expect(documentOperations(counter, reset, () => ({ count: 4 }))).toEqual([
      { kind: 'delete', collection: 'counter', id: 's' },
    ]);
    expect(documentOperations(counter, reset, () => undefined)).toEqual([]);
  });

  it('given an event the read model ignores, when projected, then nothing is asked or written', () => {
    const current = jest.fn();
    expect(
      documentOperations(counter, recorded({ type: 'Other', data: {} }, { position: 3 }), current),
    ).toEqual([]);
    expect(current).not.toHaveBeenCalled();
  });

  it('names a checkpoint by projection and version, so a new version starts its own', () => {
    expect(checkpointName(counter)).toBe('counter.v3');
  });

  it('reads recorded times in any offset as UTC with milliseconds, and keeps what does not parse', () => {
    expect(canonicalInstant('2023-04-10T11:00:00+08:00')).toBe('2023-04-10T03:00:00.000Z');
    expect(canonicalInstant('2023-04-10T03:00:00Z')).toBe('2023-04-10T03:00:00.000Z');
    expect(canonicalInstant('not a time')).toBe('not a time');
  });

  it('given instants already written as UTC with milliseconds, some on days that do not exist, when made canonical, then each is what Date parses and prints', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const slowly = (value: string) => {
      const ms = Date.parse(value);
      return Number.isNaN(ms) ? value : new Date(ms).toISOString();
    };
    // The fast path keeps the text as written; Date rolls 2023-02-29 over to March 1.
    expect(canonicalInstant('2023-02-29T00:00:00.000Z')).toBe('2023-03-01T00:00:00.000Z');
    expect(canonicalInstant('2024-02-29T23:59:59.999Z')).toBe('2024-02-29T23:59:59.999Z');
    expect(canonicalInstant('1900-02-29T00:00:00.000Z')).toBe('1900-03-01T00:00:00.000Z');
    expect(canonicalInstant('2023-01-01T24:00:00.000Z')).toBe('2023-01-02T00:00:00.000Z');
    fc.assert(
      fc.property(
        fc.tuple(
          fc.integer({ min: 0, max: 9999 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 32 }),
          fc.integer({ min: 0, max: 25 }),
          fc.integer({ min: 0, max: 61 }),
          fc.integer({ min: 0, max: 61 }),
          fc.integer({ min: 0, max: 999 }),
        ),
        ([year, month, day, hour, minute, second, ms]) => {
          const value = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(ms, 3)}Z`;
          expect(canonicalInstant(value)).toBe(slowly(value));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('types known ledger events and leaves unknown ones out', () => {
    const known = recorded({ type: 'CapReleased', data: { amountFen: 1 } }, { position: 1 });
    // The recorded event itself, not a copy: every projection asks about every event.
    expect(asLedgerEvent(known)).toBe(known);
    expect(asLedgerEvent(known)).toMatchObject({ type: 'CapReleased', data: { amountFen: 1 } });
    expect(
      asLedgerEvent(recorded({ type: 'FutureProgrammeApplied', data: {} }, { position: 1 })),
    ).toBeUndefined();
  });
});

describe('cloneDocument', () => {
  it('given a document with what JSON drops or changes, when cloned, then the copy is what a JSON round trip gives', () => {
    const doc = {
      a: 1,
      gone: undefined,
      fn: () => 1,
      nan: Number.NaN,
      list: [1, undefined, 'x', { b: [true, null] }, () => 2],
      when: new Date(Date.UTC(2023, 2, 10)),
      nested: { deep: { deeper: ['y'] }, skip: undefined },
    };
    const copy = cloneDocument(doc);
    expect(copy).toStrictEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('given a document, when the copy is changed, then the original is not', () => {
    const doc = { claims: [{ months: ['2023-01'] }] };
    const copy = cloneDocument(doc);
    copy.claims[0].months.push('2023-02');
    expect(doc).toEqual({ claims: [{ months: ['2023-01'] }] });
  });
});

describe('listTermsOf', () => {
  it('is listTerm of every subset, in mask order over the given fields', () => {
    const value = fc.option(fc.string({ maxLength: 4 }), { nil: undefined });
    const filters = fc.dictionary(
      fc.constantFrom('status', 'programme', 'schoolId', 'b', 'a', 'B'),
      value,
      {
        maxKeys: 5,
      },
    );
    fc.assert(
      fc.property(filters, (f) => {
        const fields = Object.keys(f).filter((k) => f[k] !== undefined);
        const expected: string[] = [];
        for (let mask = 0; mask < 1 << fields.length; mask++) {
          const subset: Record<string, string> = {};
          fields.forEach((k, i) => {
            if (mask & (1 << i)) subset[k] = f[k]!;
          });
          expected.push(listTerm(subset));
        }
        expect(listTermsOf(f)).toEqual(expected);
      }),
    );
  });
});
