import { appendStories, BULK_LOAD, recordTemplate } from './history';
import { openEmbeddedLedger } from './ledger-fixture';
async function main() {
  const dir = process.argv[2];
  const stories = Number(process.argv[3]);
  const l = openEmbeddedLedger(dir, BULK_LOAD);
  const t = await recordTemplate('paid');
  const t0 = Date.now();
  await appendStories(l.store, t, 0, stories);
  console.log('events', await l.store.headPosition(), 'ms', Date.now() - t0, l.store.appendStats());
  await l.store.close();
}
main();
