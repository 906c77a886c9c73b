import * as fs from 'node:fs';
import * as path from 'node:path';
import { processIsGone } from '@ledger/event-store/sqlite/local-process';

/** Under the data dir: `{dataDir}/verification-work/{pid}/{run}/`. */
export const VERIFICATION_WORK_DIR = 'verification-work';

/**
 * Run folders this process made and has not removed yet, whichever instance
 * made them: one process may hold several (several apps in one test process,
 * CLI commands run in-process), and clearing leftovers must not take them.
 */
const liveRuns = new Set<string>();

/**
 * Where a verification run's replay and spill files go (ADR 0024). A run that
 * SIGTERM cut short never reaches its own clean-up (a terminated worker runs
 * no `finally`), and one cut by kill -9 leaves its files whatever the code
 * does: kept under the data dir, one folder per process, they are removed by
 * the run's end or by the next start, instead of piling up in the system's
 * temporary folder. Several processes may share one data dir (the embedded
 * store takes several writers), so a start removes only the folders of
 * processes that are gone, and what a dead process left under this pid (in a
 * container the pid is often the same after every restart).
 */
export class VerificationWorkDir {
  private readonly root: string;
  private readonly own: string;
  /** Run ids this instance made and has not removed. */
  private readonly mine = new Set<string>();

  constructor(
    dataDir: string,
    private readonly pid: number = process.pid,
  ) {
    this.root = path.join(dataDir, VERIFICATION_WORK_DIR);
    this.own = path.join(this.root, String(pid));
  }

  /** Removes what runs of processes no longer alive left behind; returns the folders removed. */
  clearLeftovers(): string[] {
    const removed: string[] = [];
    for (const name of entriesOf(this.root)) {
      const pid = /^\d+$/.test(name) ? Number(name) : undefined;
      if (pid === this.pid) {
        for (const run of entriesOf(this.own)) {
          const dir = path.join(this.own, run);
          if (liveRuns.has(dir)) continue;
          fs.rmSync(dir, { recursive: true, force: true });
          removed.push(path.join(name, run));
        }
        continue;
      }
      if (pid !== undefined && !processIsGone(pid)) continue;
      fs.rmSync(path.join(this.root, name), { recursive: true, force: true });
      removed.push(name);
    }
    return removed;
  }

  /** A fresh folder for one run. */
  forRun(runId: string): string {
    const dir = path.join(this.own, runId);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    liveRuns.add(dir);
    this.mine.add(runId);
    return dir;
  }

  removeRun(runId: string): void {
    const dir = path.join(this.own, runId);
    fs.rmSync(dir, { recursive: true, force: true });
    liveRuns.delete(dir);
    this.mine.delete(runId);
  }

  /** Every run folder this instance made, and the pid's folder once nothing is left in it. */
  removeMine(): void {
    for (const runId of [...this.mine]) this.removeRun(runId);
    try {
      fs.rmdirSync(this.own);
    } catch {
      // another instance's run is still in it, or it was never made
    }
  }
}

function entriesOf(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
