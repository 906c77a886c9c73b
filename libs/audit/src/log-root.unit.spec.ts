import { createHash } from 'node:crypto';
import { LogRoot, logRootOf } from './log-root';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** The root as ADR 0007 defines it, with a Hash object per step. */
function rootByDefinition(hashes: readonly string[]): string {
  let root = Buffer.alloc(32);
  for (const h of hashes) {
    root = createHash('sha256')
      .update(Buffer.concat([root, Buffer.from(h, 'hex')]))
      .digest();
  }
  return root.toString('hex');
}

describe('LogRoot', () => {
  it('given no events, when asked for the root, then it is 32 zero bytes', () => {
    expect(new LogRoot().rootHash).toBe('0'.repeat(64));
  });

  it('given event hashes, when added in order, then the root is SHA-256 of the root so far and each hash', () => {
    const hashes = Array.from({ length: 300 }, (_, i) => sha(`event ${i}`));
    expect(logRootOf(hashes)).toBe(rootByDefinition(hashes));
    expect(logRootOf(hashes.slice(0, 1))).toBe(rootByDefinition(hashes.slice(0, 1)));
  });

  it('given a hash that is not 64 hex characters, when added, then it is refused and the root stays', () => {
    const root = new LogRoot();
    root.add(1, sha('a'));
    const before = root.rootHash;
    for (const bad of [sha('b').slice(1), `${sha('b')}0`, `${sha('b').slice(0, 63)}g`]) {
      expect(() => root.add(2, bad)).toThrow(RangeError);
    }
    expect(root.rootHash).toBe(before);
    expect(root.eventCount).toBe(1);
  });
});
