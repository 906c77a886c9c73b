import type { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import type { Template } from '../history';
import { PipelinedWriteOptions, writeStoriesPipelined } from './direct-history.pipelined';
import { DirectWriteOptions, writeStoriesDirect } from './direct-history.writer';
import { CompiledStory, compileStory } from './story-copy';

const compiled = new WeakMap<Template, CompiledStory>();

function compiledOf(template: Template): CompiledStory {
  let story = compiled.get(template);
  if (story === undefined) {
    story = compileStory(template);
    compiled.set(template, story);
  }
  return story;
}

/**
 * Stories [from, to) of `template` written straight into the store's file
 * (direct-history.writer.ts), the bench's way of making a history: the same
 * events, streams and read models the port and the inline projector would
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
  return writeStoriesDirect(store.database, compiledOf(template), from, to, {
    cacheMiB: options.cacheMiB ?? 64,
    storiesPerTransaction: options.storiesPerTransaction,
    anchor: options.anchor,
  });
}

/** `writeHistory` with the texts made on a second thread (direct-history.pipelined.ts): the same file. */
export function writeHistoryOnTwoThreads(
  store: SqliteEventStore,
  template: Template,
  from: number,
  to: number,
  options: PipelinedWriteOptions = {},
): Promise<{ head: number; events: number }> {
  return writeStoriesPipelined(store.database, compiledOf(template), from, to, {
    ...options,
    cacheMiB: options.cacheMiB ?? 64,
  });
}
