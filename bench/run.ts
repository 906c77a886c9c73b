/**
 * `npm run bench [-- --quick]`: runs each workload with its reference in the
 * same process, prints one JSON line per figure, then a Markdown table.
 */
import { cpus, totalmem } from 'node:os';
import { BenchOptions, Figure, Workload } from './bench-support';
import { appendPathWorkload } from './workloads/append-path.workload';
import { trancheSizeWorkload } from './workloads/tranche-size.workload';

const WORKLOADS: [string, Workload][] = [
  ['append', appendPathWorkload],
  ['tranche', trancheSizeWorkload],
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const options: BenchOptions = { quick: args.includes('--quick') };
  const only = args
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const figures: Figure[] = [];
  const report = (f: Figure) => {
    figures.push(f);
    console.log(JSON.stringify(f));
  };
  for (const [name, workload] of WORKLOADS) {
    if (only && !only.includes(name)) continue;
    await workload(options, report);
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`\n${options.quick ? 'quick run' : 'full run'} on ${machine}\n`);
  console.log('| workload | figure | ledger | reference | ratio | target |');
  console.log('|---|---|---|---|---|---|');
  for (const f of figures) {
    console.log(
      `| ${f.workload} | ${f.metric} | ${f.value} ${f.unit} | ${f.reference ?? ''} | ${f.ratio ?? ''} | ${f.target ?? ''} |`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
