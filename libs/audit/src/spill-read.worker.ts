import { closeSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { BATCH_BUFFER_BYTES, readEntries } from './spill-entry';

/** A batch to read: index row ids, and a buffer of an earlier answer to read them into. */
export interface SpillReadRequest {
  slots: Uint32Array;
  buffer?: ArrayBuffer;
}

export type SpillReadReply = { buffer: ArrayBuffer; starts: Uint32Array } | { error: string };

/**
 * Reads entries of a spill file for another thread (`threadSpillEntryReader`):
 * one `pread` or two an entry, a syscall the asking thread no longer makes.
 * The file is opened read-only; the asking thread owns it and its index.
 */
if (parentPort) {
  const port = parentPort;
  const fd = openSync((workerData as { file: string }).file, 'r');
  port.on('message', (request: SpillReadRequest | 'close') => {
    if (request === 'close') {
      // A descriptor belongs to the process, not to the thread: closed here, not at exit.
      closeSync(fd);
      port.close();
      return;
    }
    try {
      const into = request.buffer
        ? Buffer.from(request.buffer)
        : Buffer.allocUnsafeSlow(BATCH_BUFFER_BYTES);
      const { buffer, starts } = readEntries(fd, request.slots, into);
      // allocUnsafeSlow and transferred buffers own their whole ArrayBuffer: it moves, not a pool.
      const reply: SpillReadReply = { buffer: buffer.buffer as ArrayBuffer, starts };
      port.postMessage(reply, [buffer.buffer as ArrayBuffer, starts.buffer as ArrayBuffer]);
    } catch (err) {
      port.postMessage({
        error: err instanceof Error ? err.message : String(err),
      } satisfies SpillReadReply);
    }
  });
}
