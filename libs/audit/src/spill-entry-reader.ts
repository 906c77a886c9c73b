import { BATCH_BUFFER_BYTES, SpillEntryBatch } from './spill-entry';
import type { SpillStore } from './spill-map';
import { startWorker } from './sqlite/start-worker';
import type { SpillReadReply, SpillReadRequest } from './spill-read.worker';

/**
 * Reads batches of a spill file's entries by their index row ids, answering
 * in the order asked. `recycled`: a buffer an earlier answer came in, no
 * longer used, to read the next batch into.
 */
export interface SpillEntryReader {
  read(slots: Uint32Array, recycled?: Buffer): Promise<SpillEntryBatch>;
  close(): Promise<void>;
}

/** Reads on the calling thread. */
export function localSpillEntryReader(store: SpillStore): SpillEntryReader {
  return {
    read: (slots, recycled) =>
      Promise.resolve(
        store.readEntries(slots, recycled ?? Buffer.allocUnsafeSlow(BATCH_BUFFER_BYTES)),
      ),
    close: () => Promise.resolve(),
  };
}

/**
 * Reads on a thread of its own (`spill-read.worker`, its own descriptor of
 * the file): the calling thread asks for the next batch and, while the
 * thread reads it, compares the last one (ADR 0020 §105). Each answer's
 * buffer moves between the threads without a copy (transferred).
 */
export function threadSpillEntryReader(store: SpillStore): SpillEntryReader {
  const worker = startWorker(
    __filename,
    'spill-read.worker',
    { file: store.file },
    // It keeps nothing: a batch's slots and the buffer it reads them into.
    { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 },
  );
  const waiting: { resolve: (b: SpillEntryBatch) => void; reject: (err: Error) => void }[] = [];
  let failure: Error | undefined;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fail = (err: Error) => {
    failure ??= new Error(`spill file reader: ${err.message}`);
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.on('message', (reply: SpillReadReply) => {
    const next = waiting.shift();
    if (next === undefined) return;
    if ('error' in reply) next.reject(new Error(`spill file reader: ${reply.error}`));
    else next.resolve({ buffer: Buffer.from(reply.buffer), starts: reply.starts });
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`spill file reader exited with code ${code}`)));
  return {
    read(slots, recycled) {
      if (failure) return Promise.reject(failure);
      return new Promise<SpillEntryBatch>((resolve, reject) => {
        waiting.push({ resolve, reject });
        const request: SpillReadRequest = { slots, buffer: recycled?.buffer as ArrayBuffer };
        const transfer: ArrayBuffer[] = [slots.buffer as ArrayBuffer];
        if (recycled) transfer.push(recycled.buffer as ArrayBuffer);
        worker.postMessage(request, transfer);
      });
    },
    async close() {
      if (failure === undefined) worker.postMessage('close');
      else await worker.terminate();
      await exited;
    },
  };
}

/**
 * Reads on this thread until `ready` settles, then on a thread of its own:
 * verification's log thread may still run when the comparison starts, and a
 * third thread beside it cost ~10 MB of RSS, verify of 1M events peaking at
 * 196-200 MB (ADR 0020 §105). `true`: on the thread from the start.
 */
export function spillEntryReaderFor(
  store: SpillStore,
  onThread: boolean | Promise<unknown>,
): SpillEntryReader {
  if (onThread === false) return localSpillEntryReader(store);
  if (onThread === true) return threadSpillEntryReader(store);
  const local = localSpillEntryReader(store);
  let ready = false;
  let thread: SpillEntryReader | undefined;
  const settle = () => {
    ready = true;
  };
  onThread.then(settle, settle);
  return {
    read(slots, recycled) {
      if (ready) thread ??= threadSpillEntryReader(store);
      return (thread ?? local).read(slots, recycled);
    },
    async close() {
      await thread?.close();
    },
  };
}
