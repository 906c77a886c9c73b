import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { AuditProblem } from './audit-problem';
import {
  computeEventHash,
  GENESIS_HASH,
  isHashHex,
  StoredEventTexts,
  storedTextsMatchHash,
} from '@ledger/event-store/integrity/event-seal';
import { LogRoot } from './log-root';
import { SpillMap } from './spill-map';

/**
 * A stream's last revision and the hash its next event must link to, packed
 * into one short string (`revision` in base 36, `:`, the 32 hash bytes as
 * latin1): verification keeps one per stream, and there may be millions.
 */
const packTip = (revision: number, hashHex: string): string =>
  `${revision.toString(36)}:${Buffer.from(hashHex, 'hex').toString('latin1')}`;

function unpackTip(tip: string): { revision: number; linkHash: string } {
  const colon = tip.indexOf(':');
  return {
    revision: parseInt(tip.slice(0, colon), 36),
    linkHash: Buffer.from(tip.slice(colon + 1), 'latin1').toString('hex'),
  };
}

/** Where a reader keeps the texts the events of its last page were stored as (ADR 0020 §104). */
export interface StoredTextsSource {
  /** The texts of `event`, when kept (each asked for once, in order). */
  textsOf(event: RecordedEvent): StoredEventTexts | undefined;
  /** Set by the verifier: the positions whose texts it will look at (unset: all). */
  keepFor: ((position: number) => boolean) | undefined;
}

const TEXT_MISSES_MAX = 64;
const TEXT_RETRY_EVERY = 256;

/**
 * Checks the per-stream hash chains and the global order, one event at a
 * time in position order, and keeps the running log root (ADR 0007).
 *
 * For each event:
 * - `hash`: the stored hash must equal the hash of the content now (a changed
 *   amount, date, actor… breaks it);
 * - `chain`: its revision must follow the stream's previous one (a removed or
 *   reordered event breaks it) and its `prevHash` must be that event's hash;
 * - `unhashed`: once the log holds a hashed event, every later event must be
 *   hashed (an event inserted behind the ledger's back without one);
 * - `order`: positions must increase, and on a store that promises no gaps
 *   (SQLite) follow each other (a removed event leaves a hole).
 *
 * State: one (revision, hash) per stream, packed, the newest in memory and
 * the rest spilled to disk when `tips` has a store; nothing per event.
 */
export class ChainVerifier {
  private firstHashedPosition: number | undefined;
  private lastPosition = 0;
  private hashed = 0;
  private legacy = 0;
  readonly root = new LogRoot();

  /** Stored texts that did not hash as they are, in a row (a log stored in another form). */
  private textMisses = 0;

  constructor(
    private readonly contiguousPositions: boolean,
    private readonly tips: SpillMap = new SpillMap(),
    /** The texts each event was stored as, when the reader keeps them (ADR 0020 §104). */
    private readonly storedTexts?: StoredTextsSource,
  ) {
    if (storedTexts) storedTexts.keepFor = (position) => this.triesTexts(position);
  }

  /** Checks the event; returns what is wrong with it and the hash its content has. */
  observe(event: RecordedEvent): { problems: AuditProblem[]; hash: string } {
    const problems: AuditProblem[] = [];
    const at = (check: AuditProblem['check'], message: string, position = event.position) =>
      problems.push({ position, check, stream: event.stream, type: event.type, message });
    const stored = event.metadata?.hash;
    const hash = this.contentHash(event, stored);

    if (event.position <= this.lastPosition) {
      at('order', `position ${event.position} comes after position ${this.lastPosition}`);
    } else {
      if (this.contiguousPositions && event.position !== this.lastPosition + 1) {
        const from = this.lastPosition + 1;
        const to = event.position - 1;
        problems.push({
          position: from,
          check: 'order',
          message:
            from === to
              ? `the event at position ${from} is missing (removed from the log)`
              : `the events at positions ${from}..${to} are missing (removed from the log)`,
        });
      }
      this.root.add(event.position, hash);
      this.lastPosition = event.position;
    }

    if (stored === undefined) {
      this.legacy += 1;
      if (this.firstHashedPosition !== undefined) {
        at(
          'unhashed',
          `the event has no hash, but the log is hash-chained since position ${this.firstHashedPosition}: it was not written by the ledger`,
        );
      }
    } else {
      this.hashed += 1;
      this.firstHashedPosition ??= event.position;
      if (stored !== hash) {
        at(
          'hash',
          'the event no longer matches its hash: its content was changed after it was written',
        );
      }
    }

    const packedTip = this.tips.get(event.stream);
    const tip = packedTip === undefined ? undefined : unpackTip(packedTip);
    const expectedRevision = tip === undefined ? 0 : tip.revision + 1;
    if (event.revision !== expectedRevision) {
      at(
        'chain',
        tip === undefined
          ? `the stream starts at revision ${event.revision}, not 0: earlier events are missing`
          : `revision ${event.revision} follows revision ${tip.revision}: events are missing or out of order`,
      );
    }
    const prevHash = event.metadata?.prevHash;
    if (prevHash !== undefined) {
      const expected = tip === undefined ? GENESIS_HASH : tip.linkHash;
      if (prevHash !== expected) {
        at(
          'chain',
          "prevHash does not match the stream's previous event: the chain is broken here",
        );
      }
    }
    this.tips.set(event.stream, packTip(event.revision, isHashHex(stored) ? stored : hash));
    return { problems, hash };
  }

  /**
   * The hash the event's content has: the stored one when its stored texts
   * hash to it as they are, else computed from its values. A log whose texts
   * were stored in another form (before ADR 0020 §104) would pay for a
   * useless hash per event: after TEXT_MISSES_MAX misses in a row the texts
   * are tried on one event in TEXT_RETRY_EVERY only.
   */
  private contentHash(event: RecordedEvent, stored: unknown): string {
    const texts = this.storedTexts?.textsOf(event);
    if (texts !== undefined && this.triesTexts(event.position)) {
      if (storedTextsMatchHash(event, texts, stored)) {
        this.textMisses = 0;
        return stored as string;
      }
      this.textMisses += 1;
    }
    return computeEventHash(event);
  }

  private triesTexts(position: number): boolean {
    return this.textMisses < TEXT_MISSES_MAX || position % TEXT_RETRY_EVERY === 0;
  }

  get hashedEvents(): number {
    return this.hashed;
  }

  /** Events written before the hash chain existed (no `hash` in their metadata). */
  get unhashedEvents(): number {
    return this.legacy;
  }

  get streams(): number {
    return this.tips.size;
  }
}
