import { rememberExistence } from './stream-existence';

describe('rememberExistence', () => {
  function counted(existing: Set<string>) {
    const asked: string[] = [];
    return { asked, lookup: (s: string) => (asked.push(s), existing.has(s)) };
  }

  it('given a stream that exists, when asked twice, then the lookup runs once', () => {
    const { asked, lookup } = counted(new Set(['enterprise-1']));
    const exists = rememberExistence(lookup);

    expect([exists('enterprise-1'), exists('enterprise-1')]).toEqual([true, true]);
    expect(asked).toEqual(['enterprise-1']);
  });

  it('given a stream that does not exist yet, when it is written between two questions, then the second answers yes', () => {
    const existing = new Set<string>();
    const { asked, lookup } = counted(existing);
    const exists = rememberExistence(lookup);

    expect(exists('school-9')).toBe(false);
    existing.add('school-9');
    expect(exists('school-9')).toBe(true);
    expect(asked).toEqual(['school-9', 'school-9']);
  });

  it('given more streams than it may keep, when the bound is reached, then it starts again and still answers from the lookup', () => {
    const { asked, lookup } = counted(new Set(['a', 'b', 'c']));
    const exists = rememberExistence(lookup, 2);

    for (const s of ['a', 'b', 'c', 'a', 'c']) expect(exists(s)).toBe(true);
    // c finds a and b kept and the memory full: it starts again with c alone, so a is asked again and c is not.
    expect(asked).toEqual(['a', 'b', 'c', 'a']);
  });
});
