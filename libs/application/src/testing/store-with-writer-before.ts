import type { EventStore, EventToAppend, StreamAppend } from '@ledger/event-store/event-store.port';

/**
 * The store, with `before` run once just before the first write of `type` to
 * `stream` (an `append`, or a part of an `appendAll`): another writer getting
 * in between a process's reads and its write.
 */
export function storeWithWriterBefore(
  store: EventStore,
  stream: string,
  type: string,
  before: () => Promise<unknown>,
): EventStore {
  let fired = false;
  const fireFor = async (s: string, events: EventToAppend[]) => {
    if (!fired && s === stream && events.some((e) => e.type === type)) {
      fired = true;
      await before();
    }
  };
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'append') {
        return async (...args: Parameters<EventStore['append']>) => {
          await fireFor(args[0], args[1]);
          return target.append(...args);
        };
      }
      // A process written in one append (disbursement-in-one, tranche-approval-in-one).
      if (prop === 'appendAll' && target.appendAll) {
        return async (parts: StreamAppend[]) => {
          for (const part of parts) await fireFor(part.stream, part.events);
          return target.appendAll!(parts);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}
