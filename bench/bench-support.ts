import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One measured figure: printed as a JSON line, gathered into the closing table. */
export interface Figure {
  workload: string;
  metric: string;
  value: number;
  unit: string;
  /** The same metric for the reference run in the same process, when there is one. */
  reference?: number;
  /** value / reference, or the target comparison. */
  ratio?: number;
  target?: string;
  notes?: string;
}

export interface BenchOptions {
  quick: boolean;
}

export type Workload = (options: BenchOptions, report: (f: Figure) => void) => Promise<void>;

export function tempDir(label: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `ledger-bench-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  const i = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, i)];
}

export const round = (x: number, digits = 1) => Number(x.toFixed(digits));
