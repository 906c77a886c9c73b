/**
 * The documents (JSON, `null` when absent) a Redis writer last read or wrote,
 * as they are at checkpoint `at`; least recently used first. A lone projector's
 * next event usually finds what it needs here; if another writer moved the
 * checkpoint meanwhile, the apply script's guard refuses and it reads again.
 */
export class RedisDocumentCache {
  private readonly docs = new Map<string, string | null>();
  /** The checkpoint the documents are at; `undefined`: nothing is known. */
  at: number | undefined;

  constructor(private readonly size: number) {}

  /** True when every key is known at `at`. */
  covers(keys: readonly string[]): boolean {
    return this.at !== undefined && keys.every((k) => this.docs.has(k));
  }

  has(key: string): boolean {
    return this.docs.has(key);
  }

  get(key: string): string | null | undefined {
    return this.docs.get(key);
  }

  /** Stores (or touches) a document as the most recently used. */
  set(key: string, json: string | null): void {
    this.docs.delete(key);
    this.docs.set(key, json);
  }

  invalidate(): void {
    this.docs.clear();
    this.at = undefined;
  }

  /** Forgets the least recently used documents beyond the size. */
  trim(): void {
    if (this.size <= 0) {
      this.invalidate();
      return;
    }
    for (const key of this.docs.keys()) {
      if (this.docs.size <= this.size) break;
      this.docs.delete(key);
    }
  }
}
