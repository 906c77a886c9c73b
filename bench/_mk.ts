import { appendStories, BULK_LOAD, recordTemplate } from './history';
import { openEmbeddedLedger } from './ledger-fixture';
async function main() {
  const dir = process.argv[2];
  const events = Number(process.argv[3]);
  const l = openEmbeddedLedger(dir, BULK_LOAD);
  const t = await recordTemplate('paid');
  const t0 = Date.now();
  await appendStories(l.store, t, 0, Math.ceil(events / t.eventsPerStory));
  console.log(dir, 'events', await l.store.headPosition(), 'ms', Date.now() - t0);
  l.store.database.pragma('wal_checkpoint(TRUNCATE)');
  await l.store.close();
}
main();
