import {
  Inject,
  Injectable,
  Logger,
  Optional,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { OpenProcess, resumeProcesses } from '@ledger/application';
import { randomUUID } from 'node:crypto';
import { LEDGER_CONFIG, LedgerConfig } from '../platform/config/ledger-config';
import { LedgerMetrics } from '../platform/metrics/ledger-metrics';
import { LedgerClock } from './ledger-clock';
import { LedgerStorage } from './ledger-storage';

const SWEEP_BATCH_MAX = 1_000;

/**
 * Finishes processes left half-done by a crash (ADR 0002): all of them at
 * start-up, then on a timer those seen open on two sweeps running, so that a
 * request still at work is normally left to finish by itself. Finishing twice
 * is harmless: every step is idempotent.
 */
@Injectable()
export class ProcessRecoveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProcessRecoveryService.name);
  private timer: NodeJS.Timeout | undefined;
  private seenOpen = new Set<string>();
  private running: Promise<void> | undefined;

  constructor(
    private readonly storage: LedgerStorage,
    private readonly clock: LedgerClock,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Optional() private readonly metrics?: LedgerMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.storage.ready;
    if (this.config.workerIndex === 0) await this.sweep(() => true);
    const interval = this.config.recoveryIntervalMs;
    if (interval > 0) {
      this.timer = setInterval(() => {
        if (!this.running)
          this.running = this.sweep((p) => this.seenOpen.has(key(p))).finally(
            () => (this.running = undefined),
          );
      }, interval);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async sweep(ready: (p: OpenProcess) => boolean): Promise<void> {
    let open: OpenProcess[];
    try {
      open = await this.storage.readModels.openProcesses(SWEEP_BATCH_MAX);
    } catch (err) {
      // Read models unreachable (Redis restarting): the next sweep tries again.
      this.logger.warn(
        `recovery sweep skipped: ${err instanceof Error ? err.message : String(err)}`,
      );
      this.metrics?.recoveryPasses.inc({ outcome: 'skipped' });
      return;
    }
    const due = open.filter(ready);
    this.seenOpen = new Set(open.map(key));
    if (due.length === 0) {
      this.metrics?.recoveryPasses.inc({ outcome: 'idle' });
      return;
    }
    const ctx = {
      actorId: 'system:recovery',
      role: 'system',
      recordedAt: this.clock.now().toISOString(),
      correlationId: randomUUID(),
    };
    const report = await resumeProcesses(this.storage.deps, ctx, due);
    this.metrics?.recoveryPasses.inc({ outcome: 'recovered' });
    this.metrics?.recoveredProcesses.inc(report.finished.length);
    this.logger.log(
      { finished: report.finished.length, failed: report.failed },
      'recovered half-done processes',
    );
  }
}

const key = (p: OpenProcess) => `${p.stream}|${p.processId}`;
