/**
 * Profiling aid for the issue #14 statement benchmark: the setup is made once
 * and copied for every run, so a run measures (or `node --cpu-prof` profiles)
 * the reconciliation alone.
 *
 *   npx tsx bench/children/bank-statement.child.ts setup DIR 10000
 *   node --cpu-prof --import tsx bench/children/bank-statement.child.ts run DIR
 *   npx tsx bench/children/bank-statement.child.ts run DIR --without payment-batch-view
 *   npx tsx bench/children/bank-statement.child.ts run DIR --digest
 *
 * `--without NAME` leaves one projection out of the inline read models, to
 * tell its cost from the rest (a diagnosis only: the bench keeps them all).
 * `--digest` adds the read models' digest after the run (untimed), to show
 * that a change to the writer leaves the same rows.
 */
import { reconcileStatement } from '@ledger/application';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { parseCamt053 } from '../../apps/api/src/features/bank-statements/statement-parsers';
import { approvedBatchOf, BatchItem, statementOf } from '../bank-statement-fixture';
import { LEDGER_PROJECTIONS } from '@ledger/projections/projections';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import { ctxOf, openEmbeddedLedger } from '../ledger-fixture';
import { readModelDigest } from '../read-model-digest';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const digest = args.includes('--digest');
  const [mode, dir, linesArg, without] = args.filter((a) => a !== '--digest');
  if (mode === 'setup') {
    const ledger = openEmbeddedLedger(dir);
    const t0 = Date.now();
    const items = await approvedBatchOf(ledger.deps, Number(linesArg));
    await ledger.store.close();
    writeFileSync(join(dir, 'items.json'), JSON.stringify(items));
    console.log(`setup of ${items.length} lines: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return;
  }
  if (mode !== 'run') throw new Error('usage: setup DIR LINES | run DIR [--without PROJECTION]');
  const leftOut = linesArg === '--without' ? without : undefined;
  if (leftOut && !LEDGER_PROJECTIONS.some((p) => p.name === leftOut)) {
    throw new Error(`no projection ${leftOut}`);
  }
  const items = JSON.parse(readFileSync(join(dir, 'items.json'), 'utf8')) as BatchItem[];
  const copy = mkdtempSync(join(tmpdir(), 'stmt-run-'));
  try {
    cpSync(dir, copy, { recursive: true });
    const ledger = openEmbeddedLedger(copy);
    if (leftOut) {
      const kept = LEDGER_PROJECTIONS.filter((p) => p.name !== leftOut);
      ledger.store.setInlineProjector(new SqliteReadModels(ledger.store.database, kept));
    }
    const xml = statementOf(items);
    const before = ledger.store.appendStats();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const parsed = parseCamt053(xml);
    const r = await reconcileStatement(ledger.deps, ctxOf('fay', 'finance'), {
      hash: createHash('sha256').update(xml).digest('hex'),
      statementId: 'bench',
      importedOn: '2023-03-23',
      lines: parsed.lines,
    });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const after = ledger.store.appendStats();
    const readModels = digest ? readModelDigest(ledger.store.database) : undefined;
    await ledger.store.close();
    console.log(
      JSON.stringify({
        lines: items.length,
        ...(leftOut ? { without: leftOut } : {}),
        paid: r.result.paid.length,
        unmatched: r.result.unmatched.slice(0, 2),
        ms: Math.round(ms),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        appends: after.appends - before.appends,
        transactions: after.transactions - before.transactions,
        ...(after.checkpoints ? { offThreadCheckpoints: after.checkpoints } : {}),
        peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
        ...(readModels ? { readModels } : {}),
      }),
    );
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
