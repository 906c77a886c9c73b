import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LedgerConfig } from '../../platform/config/ledger-config';
import { VERIFICATION_YOUNG_MB, VerificationRunsService } from './verification-runs.service';

jest.mock('node:worker_threads', () => ({
  Worker: jest.fn(() => Object.assign(new EventEmitter(), { terminate: async () => 0 })),
}));

/**
 * Issue #16 (ADR 0020 §79): `POST /v1/audit/verifications` runs `verify` on
 * a thread whose young generation is bounded, not V8's default for a worker.
 */
describe('VerificationRunsService', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verification-runs-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('given a started verification, when its thread is made, then its young generation is VERIFICATION_YOUNG_MB', () => {
    const service = new VerificationRunsService({
      dataDir,
      anchorDir: dataDir,
    } as unknown as LedgerConfig);
    const run = service.start('auditor-1');
    expect(run.status).toBe('running');
    expect(jest.mocked(Worker)).toHaveBeenCalledTimes(1);
    const [file, options] = jest.mocked(Worker).mock.calls[0];
    expect(String(file)).toMatch(/verification\.worker\.js$/);
    expect(options?.resourceLimits).toEqual({ maxYoungGenerationSizeMb: VERIFICATION_YOUNG_MB });
    expect(options?.workerData).toMatchObject({ dataDir, anchorDir: dataDir });
  });
});
