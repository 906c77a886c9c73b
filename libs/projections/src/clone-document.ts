/**
 * A deep copy through JSON: what a store will hand back anyway, so `evolve`
 * never mutates its input and never keeps a value JSON cannot hold.
 */
export function cloneDocument<D extends object>(doc: D): D {
  return cloneJson(doc) as D;
}

/**
 * `JSON.parse(JSON.stringify(value))` without the text in between (replays
 * clone a growing document once per event): the same result for the values
 * JSON holds; anything else (a `toJSON`, a class instance) takes the JSON road.
 */
function cloneJson(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      copy[i] =
        item === undefined || typeof item === 'function' || typeof item === 'symbol'
          ? null
          : cloneJson(item);
    }
    return copy;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if ((proto !== Object.prototype && proto !== null) || 'toJSON' in value) {
    return JSON.parse(JSON.stringify(value)) as unknown;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    copy[key] = cloneJson(item);
  }
  return copy;
}
