import * as fs from 'node:fs';
import * as path from 'node:path';

/** Under the data dir: `{dataDir}/verification-work/{pid}/{verificationId}/`. */
export const VERIFICATION_WORK_DIR = 'verification-work';

/**
 * Where a verification run's replay and spill files go. A run that SIGTERM
 * cut short never reaches its own clean-up (a terminated worker runs no
 * `finally`), and one cut by kill -9 leaves its files whatever the code does:
 * kept under the data dir, one folder per process, they are found and removed
 * by the run's end or by the next start, instead of piling up in the system's
 * temporary folder. Several API processes may share one data dir (the
 * multi-process embedded mode), so a start removes only the folders of
 * processes that are gone, and its own pid's (a pid reused from a dead one).
 */
export class VerificationWorkDir {
  private readonly root: string;
  private readonly own: string;

  constructor(
    dataDir: string,
    private readonly pid: number = process.pid,
  ) {
    this.root = path.join(dataDir, VERIFICATION_WORK_DIR);
    this.own = path.join(this.root, String(pid));
  }

  /** Removes what runs of processes no longer alive left behind; returns the folders removed. */
  clearLeftovers(): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.root);
    } catch {
      return [];
    }
    const removed: string[] = [];
    for (const name of names) {
      const pid = /^\d+$/.test(name) ? Number(name) : undefined;
      if (pid !== undefined && pid !== this.pid && isAlive(pid)) continue;
      fs.rmSync(path.join(this.root, name), { recursive: true, force: true });
      removed.push(name);
    }
    return removed;
  }

  /** A fresh folder for one run. */
  forRun(verificationId: string): string {
    const dir = path.join(this.own, verificationId);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  }

  removeRun(verificationId: string): void {
    fs.rmSync(path.join(this.own, verificationId), { recursive: true, force: true });
  }

  /** At shutdown, once no run of this process is going on. */
  removeOwn(): void {
    fs.rmSync(this.own, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
