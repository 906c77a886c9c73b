import { shareDir, sharedDir, tempDir } from '../bench-support';
import { writeHistory } from '../direct-history/write-history';
import { BULK_LOAD, recordTemplate } from '../history';
import { openEmbeddedLedger } from '../ledger-fixture';
import { GROWTH_HISTORY } from './growth.workload';

/** The history written here when growth did not run, kept for the next workload of the run. */
const READ_HISTORY = 'read-history';

/**
 * The data directory the rebuild and verify workloads read: the growth
 * workload's history when it ran before in this run, otherwise one of at
 * least `events` events written once the same way (history.ts's story copied
 * by direct-history/write-history.ts) and shared
 * with the next of them (the runner removes it at the end). A rebuild leaves
 * the read models equal to what they were (its child checks), so verify can
 * read the same file afterwards.
 */
export async function historyToRead(events: number): Promise<string> {
  const existing = sharedDir(GROWTH_HISTORY) ?? sharedDir(READ_HISTORY);
  if (existing !== undefined) return existing;
  const own = tempDir('read-history');
  try {
    const ledger = openEmbeddedLedger(own.dir, BULK_LOAD);
    const template = await recordTemplate('paid');
    writeHistory(ledger.store, template, 0, Math.ceil(events / template.eventsPerStory));
    await ledger.store.close();
  } catch (err) {
    own.remove();
    throw err;
  }
  shareDir(READ_HISTORY, own);
  return own.dir;
}

/** The JSON line a bench child prints last. */
export function lastJsonLine<T>(stdout: string): T {
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}
