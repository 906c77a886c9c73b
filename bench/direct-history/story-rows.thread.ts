import type { Worker } from 'node:worker_threads';
import { startWorker } from '@ledger/audit/sqlite/start-worker';
import { CompiledStory, storyTexts } from './story-copy';
import { PackedRows, unpackRows } from './packed-rows';
import type { RowBatch } from './story-rows';
import type { StoryRowsInput, StoryRowsMessage } from './story-rows.worker';

/**
 * story-rows.worker.ts on a thread: `request` asks for a batch, `next`
 * resolves to the batches in the order asked. A thread that fails, throws or
 * exits rejects the waiting `next` and every later one, so a writer waiting
 * for rows never waits for a thread that is gone.
 */
export class StoryRowsThread {
  private readonly worker: Worker;
  private readonly received: PackedRows[] = [];
  private waiting: { resolve(b: RowBatch): void; reject(err: Error): void } | undefined;
  private failure: Error | undefined;
  private stopping = false;

  constructor(story: CompiledStory) {
    const input: StoryRowsInput = {
      story: storyTexts(story),
      templateEnterpriseId: story.template.templateEnterpriseId,
      claimsPerStory: story.template.claimsPerStory,
    };
    this.worker = startWorker(__filename, 'story-rows.worker', input);
    this.worker.on('message', (m: StoryRowsMessage) => {
      if (m.kind === 'failed') this.fail(new Error(`the story rows thread failed: ${m.message}`));
      else if (this.waiting) {
        const { resolve } = this.waiting;
        this.waiting = undefined;
        resolve(unpackRows(m.rows));
      } else this.received.push(m.rows);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => {
      if (!this.stopping) this.fail(new Error(`the story rows thread exited with code ${code}`));
    });
  }

  request(first: number, last: number, head: number): void {
    this.worker.postMessage({ first, last, head });
  }

  next(): Promise<RowBatch> {
    const rows = this.received.shift();
    if (rows) return Promise.resolve(unpackRows(rows));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.worker.terminate();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(this.failure);
  }
}
