import type { EventStore } from '@ledger/event-store/event-store.port';
import { LedgerMetrics } from './ledger-metrics';

/** The store, with every `append` timed into `ledger_event_append_duration_seconds`. */
export function timedAppends<S extends EventStore>(store: S, metrics: LedgerMetrics): S {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'append' || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const end = metrics.appendDuration.startTimer();
        try {
          const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(
            target,
            args,
          );
          end({ outcome: 'ok' });
          return result;
        } catch (error) {
          end({ outcome: 'failed' });
          throw error;
        }
      };
    },
  });
}
