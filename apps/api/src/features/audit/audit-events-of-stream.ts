import { EventStore, RecordedEvent } from '@ledger/event-store/event-store.port';
import { AuditEventPageQuery, auditEventIndexRow, auditRowMatches } from '@ledger/projections';

/** Events read from a stream at a time while a page looks for its events. */
const CHUNK_MIN = 200;

/**
 * The events of one stream after `after` that pass the other filters, in
 * order, at most `limit` (ADR 0020 §71). A stream's events in revision order
 * are in position order, so the store's own stream index is the audit index
 * for this filter: no read-model row per event is kept up for it. The rows
 * are checked as the index would hold them (`auditEventIndexRow`), so the
 * answer is the one the index gave.
 */
export async function auditEventsOfStream(
  store: EventStore,
  stream: string,
  q: AuditEventPageQuery,
): Promise<RecordedEvent[]> {
  // The ledger writes no stream named so; EventStoreDB keeps its own (`$…`)
  // streams beside ours, and the index this replaces never held them.
  if (stream.length === 0 || stream.startsWith('$')) return [];
  const chunk = Math.max(q.limit, CHUNK_MIN);
  let page = await store.readStream(stream, { maxCount: chunk });
  if (page.length === 0) return [];
  const lastOfPage = page[page.length - 1];
  if (lastOfPage.position <= q.after && page.length === chunk) {
    const from = await firstRevisionAfter(store, stream, q.after, lastOfPage.revision + 1);
    if (from === undefined) return [];
    page = await store.readStream(stream, { fromRevision: from, maxCount: chunk });
  }
  const found: RecordedEvent[] = [];
  for (;;) {
    for (const e of page) {
      if (e.position <= q.after || !auditRowMatches(auditEventIndexRow(e), q)) continue;
      found.push(e);
      if (found.length === q.limit) return found;
    }
    if (page.length < chunk) return found;
    const next = page[page.length - 1].revision + 1;
    page = await store.readStream(stream, { fromRevision: next, maxCount: chunk });
  }
}

/**
 * The first revision at or after `low` whose position is past `after`, by
 * halving (a deep page of a long stream reads ~log₂ n events, not the stream
 * up to it); undefined when the stream ends at or before `after`.
 */
async function firstRevisionAfter(
  store: EventStore,
  stream: string,
  after: number,
  low: number,
): Promise<number | undefined> {
  const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
  if (last === undefined || last.position <= after) return undefined;
  let lo = low;
  let hi = last.revision;
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const [e] = await store.readStream(stream, { fromRevision: mid, maxCount: 1 });
    if (e.position > after) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
