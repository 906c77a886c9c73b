/**
 * `npx tsx bench/direct-history/history.cli.ts --events N --out DIR [--via direct|port]
 * [--stories-per-transaction S] [--cache-mib M]`:
 * writes the bench's history of at least N events (history.ts's paid story,
 * copied) into the embedded ledger of DIR, straight into the tables
 * (`direct`, what the bench uses) or through the event-store port with the
 * inline read models (`port`, the way before), and prints one JSON line:
 * events, seconds, cpuSeconds (this process, the template's recording left
 * out), eventsPerSecond, eventsPerCpuSecond, maxRssMb.
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { appendStories, BULK_LOAD, recordTemplate } from '../history';
import { openEmbeddedLedger } from '../ledger-fixture';
import { writeHistory } from './write-history';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '1000000' },
      out: { type: 'string' },
      via: { type: 'string', default: 'direct' },
      'stories-per-transaction': { type: 'string' },
      'cache-mib': { type: 'string' },
    },
  });
  if (!values.out) throw new Error('--out DIR is required');
  if (values.via !== 'direct' && values.via !== 'port') throw new Error('--via direct|port');
  fs.mkdirSync(values.out, { recursive: true });
  const template = await recordTemplate('paid');
  const ledger = openEmbeddedLedger(values.out, BULK_LOAD);
  const stories = Math.ceil(Number(values.events) / template.eventsPerStory);
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const option = (name: 'stories-per-transaction' | 'cache-mib') =>
    values[name] === undefined ? undefined : Number(values[name]);
  if (values.via === 'direct') {
    writeHistory(ledger.store, template, 0, stories, {
      storiesPerTransaction: option('stories-per-transaction'),
      cacheMiB: option('cache-mib'),
    });
  } else await appendStories(ledger.store, template, 0, stories);
  const events = await ledger.store.headPosition();
  await ledger.store.close();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    JSON.stringify({
      via: values.via,
      events,
      seconds,
      cpuSeconds,
      eventsPerSecond: Math.round(events / seconds),
      eventsPerCpuSecond: Math.round(events / cpuSeconds),
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
