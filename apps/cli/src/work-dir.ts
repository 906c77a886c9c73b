import { randomUUID } from 'node:crypto';
import { VerificationWorkDir } from '@ledger/audit';

/**
 * The folder `verify` and `checkpoint` give `verifyLedger` for their replay
 * and spill files. `--work-dir` given: that folder, as the operator chose.
 * Otherwise under the data dir, as the API's runs (`VerificationWorkDir`):
 * a run cut short by Ctrl-C or kill -9 leaves its files there, not in the
 * system's temporary folder (often memory), and the next run or API start
 * removes them.
 */
export async function withWorkDir<T>(
  dataDir: string,
  given: string | undefined,
  run: (workDir: string) => Promise<T>,
): Promise<T> {
  if (given !== undefined) return run(given);
  const work = new VerificationWorkDir(dataDir);
  work.clearLeftovers();
  try {
    return await run(work.forRun(`cli-${randomUUID()}`));
  } finally {
    work.removeMine();
  }
}
