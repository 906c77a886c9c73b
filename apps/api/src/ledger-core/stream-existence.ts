/** Streams remembered as existing, at most; then the memory starts again. */
export const KNOWN_STREAMS_MAX = 65_536;

/**
 * A stream's existence, asked of `lookup` until it answers yes, then
 * remembered: on the embedded store a stream, once it has an event, has one
 * for good (the log refuses every DELETE, sqlite-schema.ts). A no is never
 * remembered, since another request or process may write the stream's first
 * event at any moment. Every balance GET asks about its enterprise, and the
 * index lookup costs ~30 µs of a ~250 µs request under load (ADR 0020 §62).
 * Only streams that exist are kept, so a caller cannot fill it with names of
 * its own; the bound keeps a ledger of very many streams in fixed memory.
 */
export function rememberExistence(
  lookup: (stream: string) => boolean,
  max = KNOWN_STREAMS_MAX,
): (stream: string) => boolean {
  const known = new Set<string>();
  return (stream) => {
    if (known.has(stream)) return true;
    if (!lookup(stream)) return false;
    if (known.size >= max) known.clear();
    known.add(stream);
    return true;
  };
}
