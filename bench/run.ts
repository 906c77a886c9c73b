/**
 * `npm run bench [-- --quick]`: runs each workload with its reference in the
 * same process, prints one JSON line per figure, then a Markdown table.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { BenchOptions, Figure, removeSharedDirs, ROOT, Workload } from './bench-support';
import { appendPathWorkload } from './workloads/append-path.workload';
import { bankStatementWorkload } from './workloads/bank-statement.bench';
import { growthWorkload } from './workloads/growth.workload';
import { httpCommandsWorkload } from './workloads/http-commands.workload';
import { queriesWorkload } from './workloads/queries.workload';
import { rebuildWorkload } from './workloads/rebuild.workload';
import { trancheSizeWorkload } from './workloads/tranche-size.workload';
import { workListsWorkload } from './workloads/work-lists.bench';
import { verifyWorkload } from './workloads/verify.workload';

/**
 * name, workload, whether it runs the build (the API, or compiled children as
 * the CLI runs them). In this order: growth leaves its history to rebuild and verify.
 */
const WORKLOADS: [string, Workload, boolean][] = [
  ['append', appendPathWorkload, false],
  ['commands', httpCommandsWorkload, true],
  ['queries', queriesWorkload, true],
  ['tranche', trancheSizeWorkload, false],
  ['growth', growthWorkload, false],
  ['rebuild', rebuildWorkload, true],
  ['work-lists', workListsWorkload, false],
  ['bank-statement', bankStatementWorkload, false],
  ['verify', verifyWorkload, true],
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const options: BenchOptions = { quick: args.includes('--quick') };
  const only = args
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const selected = WORKLOADS.filter(([name]) => !only || only.includes(name));
  // The HTTP workloads run the built API (dist/), rebuild and verify the
  // compiled children (dist/bench/children): build from these sources unless
  // told the build is fresh (the e2e tier builds before it runs).
  if (selected.some(([, , built]) => built) && !args.includes('--no-build')) {
    process.stderr.write('building the API and bench/ (nest build api)…\n');
    execFileSync(join(ROOT, 'node_modules/.bin/nest'), ['build', 'api'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const startedAt = Date.now();
  const figures: Figure[] = [];
  const report = (f: Figure) => {
    figures.push(f);
    console.log(JSON.stringify(f));
  };
  try {
    for (const [name, workload] of selected) {
      const t0 = Date.now();
      await workload(options, report);
      process.stderr.write(`${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    }
  } finally {
    removeSharedDirs();
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const took = ((Date.now() - startedAt) / 1000).toFixed(0);
  console.log(
    `\n${options.quick ? 'quick run' : 'full run'} on ${machine}, ${new Date().toISOString().slice(0, 10)}, ${took} s\n`,
  );
  console.log('| workload | figure | ledger | reference | ratio | target |');
  console.log('|---|---|---|---|---|---|');
  for (const f of figures) {
    console.log(
      `| ${f.workload} | ${f.metric} | ${f.value} ${f.unit} | ${f.reference === undefined ? '' : `${f.reference} ${f.unit}`} | ${f.ratio ?? ''} | ${targetCell(f)} |`,
    );
  }
}

function targetCell(f: Figure): string {
  if (f.target === undefined) return '';
  if (f.met === undefined) return f.target;
  return `${f.target}: ${f.met ? 'met' : '**missed**'}`;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
