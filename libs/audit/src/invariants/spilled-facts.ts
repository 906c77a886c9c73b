import { SpillMap, type SpillStore, spillMapOf } from '../spill-map';

/**
 * Facts an invariant keeps per key (an application, a tranche, a notice), as
 * JSON in a `SpillMap`: past its bound they go to verification's spill file
 * instead of staying in the log thread's heap (issue #16, ADR 0020 §81). A
 * value read is a copy: whoever changes it writes it back with `set`.
 * Without a store it is a plain Map of JSON texts (unit tests, small callers).
 */
export class SpilledFacts<T extends object> {
  private readonly map: SpillMap;

  constructor(store?: SpillStore) {
    this.map = spillMapOf(store);
  }

  get(key: string): T | undefined {
    const json = this.map.get(key);
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  set(key: string, facts: T): void {
    this.map.set(key, JSON.stringify(facts));
  }

  get size(): number {
    return this.map.size;
  }
}
