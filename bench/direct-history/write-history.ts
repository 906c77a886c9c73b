import type { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import type { Template } from '../history';
import { DirectWriteOptions, writeStoriesDirect } from './direct-history.writer';
import { CompiledStory, compileStory } from './story-copy';

const compiled = new WeakMap<Template, CompiledStory>();

/**
 * Stories [from, to) of `template` written straight into the store's file
 * (direct-history.writer.ts), the bench's way of making a history: the same
 * events and read models the port and the inline projector would
 * write, without running them per event. No append may be in flight on
 * `store`; its read models must be level with its log.
 */
export function writeHistory(
  store: SqliteEventStore,
  template: Template,
  from: number,
  to: number,
  options: DirectWriteOptions = {},
): { head: number; events: number } {
  let story = compiled.get(template);
  if (story === undefined) {
    story = compileStory(template);
    compiled.set(template, story);
  }
  return writeStoriesDirect(store.database, story, from, to, {
    cacheMiB: options.cacheMiB ?? 64,
    storiesPerTransaction: options.storiesPerTransaction,
    anchor: options.anchor,
  });
}
