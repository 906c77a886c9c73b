import { createHash } from 'node:crypto';

/**
 * The running root of the global log (ADR 0007): a hash over the ordered
 * sequence of event hashes, in position order, from the first event on.
 *
 *     root_0 = 32 zero bytes
 *     root_i = SHA-256(root_{i-1} ‖ eventHash_i)      (raw 32-byte values)
 *
 * `eventHash_i` is the hash the i-th event's content has (recomputed, not the
 * stored one), so the root after N events changes when any of them is
 * changed, removed, reordered or inserted. A checkpoint signs the root at a
 * position; the log "still extends" the checkpoint when the root recomputed
 * over the same first events is equal. Positions are not hashed: on
 * EventStoreDB they have gaps and are large, and only their order matters.
 */
export class LogRoot {
  private root: Buffer = Buffer.alloc(32);
  private count = 0;
  private lastPosition = 0;

  /** Adds the next event (its position must be greater than the previous one). */
  add(position: number, eventHashHex: string): void {
    if (position <= this.lastPosition) {
      throw new RangeError(`log root: position ${position} after ${this.lastPosition}`);
    }
    this.root = createHash('sha256')
      .update(this.root)
      .update(Buffer.from(eventHashHex, 'hex'))
      .digest();
    this.count += 1;
    this.lastPosition = position;
  }

  get eventCount(): number {
    return this.count;
  }

  get position(): number {
    return this.lastPosition;
  }

  get rootHash(): string {
    return this.root.toString('hex');
  }
}

/** The root over a list of event hashes (tests, small logs). */
export function logRootOf(hashes: readonly string[]): string {
  const root = new LogRoot();
  hashes.forEach((h, i) => root.add(i + 1, h));
  return root.rootHash;
}
