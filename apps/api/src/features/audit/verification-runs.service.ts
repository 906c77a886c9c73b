import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { VerificationWorkDir } from '@ledger/audit';
import { conflict, notFound } from '@ledger/domain';
import { LEDGER_CONFIG, LedgerConfig } from '../../platform/config/ledger-config';
import type { VerificationWorkerInput, VerificationWorkerMessage } from './verification.worker';

export interface VerificationRun {
  verificationId: string;
  status: 'running' | 'passed' | 'failed';
  progress: { eventsChecked: number; eventsTotal: number };
  startedAt: string;
  finishedAt: string | null;
  startedBy: string;
  /** The JSON report of `ledger verify`; `{error}` when the run itself broke. */
  report: object | null;
}

/** The runs kept, newest last: enough to see the last results, small enough to rewrite whole. */
const RUNS_KEPT = 20;
export const VERIFICATIONS_FILE = 'verifications.json';

/**
 * The verification thread's young generation, in MB (two semi-spaces of a
 * third each), where a worker otherwise gets V8's 48 MB: the replay keeps
 * ~15 MB live and its new space stayed resident at full size. At 1M events
 * the run's peak RSS fell 291 -> 278 and 295 -> 281 MB (ADR 0020 §79).
 */
export const VERIFICATION_YOUNG_MB = 12;

/**
 * `POST /v1/audit/verifications` (issue #13): one `verify` at a time, in a
 * worker thread, its progress in memory and its result in
 * `{dataDir}/verifications.json` (rewritten whole, by rename), so that the
 * last result survives a restart. A run a restart cut short is kept as failed.
 */
@Injectable()
export class VerificationRunsService implements OnModuleDestroy {
  private readonly logger = new Logger('Verification');
  private readonly file: string;
  private runs: VerificationRun[];
  private worker: Worker | undefined;
  private readonly workDir: VerificationWorkDir;

  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {
    this.file = path.join(config.dataDir, VERIFICATIONS_FILE);
    this.workDir = new VerificationWorkDir(config.dataDir);
    const removed = this.workDir.clearLeftovers();
    if (removed.length > 0) {
      this.logger.warn(
        `removed the work files of runs cut short (processes ${removed.join(', ')})`,
      );
    }
    this.runs = this.load().map((r) =>
      r.status === 'running'
        ? {
            ...r,
            status: 'failed',
            finishedAt: r.finishedAt ?? r.startedAt,
            report: { error: 'interrupted: the API stopped before the run finished' },
          }
        : r,
    );
  }

  start(actorId: string): VerificationRun {
    if (this.runs.some((r) => r.status === 'running')) {
      throw conflict('a verification is running already: wait for it to finish', {
        verificationId: this.runs.find((r) => r.status === 'running')!.verificationId,
      });
    }
    const verificationId = randomUUID();
    // Before the run is recorded: a folder that cannot be made refuses the start whole.
    const workDir = this.workDir.forRun(verificationId);
    const run: VerificationRun = {
      verificationId,
      status: 'running',
      progress: { eventsChecked: 0, eventsTotal: 0 },
      startedAt: new Date().toISOString(),
      finishedAt: null,
      startedBy: actorId,
      report: null,
    };
    this.runs = [...this.runs, run].slice(-RUNS_KEPT);
    this.save();
    const input: VerificationWorkerInput = {
      dataDir: this.config.dataDir,
      anchorDir: this.config.anchorDir,
      eventStoreUrl: this.config.eventStoreUrl,
      workDir,
    };
    const worker = new Worker(path.join(__dirname, 'verification.worker.js'), {
      workerData: input,
      resourceLimits: { maxYoungGenerationSizeMb: VERIFICATION_YOUNG_MB },
    });
    this.worker = worker;
    let settled = false;
    const finish = (status: 'passed' | 'failed', report: object) => {
      if (settled) return;
      settled = true;
      this.worker = undefined;
      Object.assign(run, { status, report, finishedAt: new Date().toISOString() });
      this.save();
      void worker.terminate().finally(() => this.workDir.removeRun(run.verificationId));
    };
    worker.on('message', (m: VerificationWorkerMessage) => {
      if (m.kind === 'progress') {
        run.progress = { eventsChecked: m.eventsChecked, eventsTotal: m.eventsTotal };
      } else if (m.kind === 'done') finish(m.ok ? 'passed' : 'failed', m.report);
      else finish('failed', { error: m.message });
    });
    worker.on('error', (error) => finish('failed', { error: error.message }));
    worker.on('exit', (code) => finish('failed', { error: `the worker stopped (exit ${code})` }));
    this.logger.log(`verification ${run.verificationId} started by ${actorId}`);
    return run;
  }

  get(verificationId: string): VerificationRun {
    const run = this.runs.find((r) => r.verificationId === verificationId);
    if (!run) throw notFound(`verification ${verificationId}`);
    return run;
  }

  latest(): VerificationRun {
    const run = this.runs[this.runs.length - 1];
    if (!run) throw notFound('a verification');
    return run;
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.terminate();
    this.workDir.removeMine();
  }

  private load(): VerificationRun[] {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      return Array.isArray(parsed) ? (parsed as VerificationRun[]) : [];
    } catch {
      return [];
    }
  }

  private save(): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, JSON.stringify(this.runs), { mode: 0o600 });
      fs.renameSync(tmp, this.file);
    } catch (error) {
      this.logger.error(`cannot keep verification results: ${(error as Error).message}`);
    }
  }
}
