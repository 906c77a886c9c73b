/**
 * TEST SUPPORT ONLY: an in-memory gRPC double of EventStoreDB's Streams API, so
 * the EventStoreDB adapter and the shared contract suite run where no
 * EventStoreDB server can (no server, no Docker here). It is never a runtime
 * option of the ledger: nothing outside tests and test-support imports it.
 *
 * It speaks the real wire protocol to the real client (`@eventstore/db-client`
 * 6.2.1) over a real `@grpc/grpc-js` server on 127.0.0.1. What was checked, and
 * where (paths under node_modules/@eventstore/db-client):
 *
 * - Service definitions and message classes are the client's own generated
 *   code, required through the package path (`generated/*_grpc_pb.js`,
 *   `generated/*_pb.js`), so the double and the client share ONE copy of the
 *   message classes: the generated serialisers test `instanceof` against that
 *   copy and throw "Expected argument of type ..." otherwise.
 * - `esdb://127.0.0.1:PORT?tls=false` is a single-host string: no gossip and no
 *   discovery (dist/Client/index.js `connectionString`, `resolveUri`).
 * - `appendToStream` first calls `ServerFeatures.GetSupportedMethods` once per
 *   channel (dist/Client/ServerFeatures.js; the result is cached until a
 *   reconnect). UNIMPLEMENTED means "no features" and the client uses the
 *   client-streaming `Streams.Append` (dist/streams/appendToStream/index.js,
 *   append.js): one `AppendReq` with `options` (stream identifier + one of
 *   revision | no_stream | any | stream_exists), then one `AppendReq` per
 *   `proposed_message` (id as UUID string, metadata keys `type` and
 *   `content-type`, data and custom_metadata as bytes). It reads
 *   `AppendResp.success` (current_revision, position commit/prepare) or
 *   `AppendResp.wrong_expected_version` (current_revision | current_no_stream,
 *   expected_*), and with the default throwOnAppendFailure=true turns the latter
 *   into WrongExpectedVersionError. `appendPath: 'append'` answers UNIMPLEMENTED.
 * - When GetSupportedMethods lists `event_store.client.streams.Streams` /
 *   `BatchAppend` (compared lower-cased), the client uses the bidirectional
 *   `Streams.BatchAppend` instead (batchAppend.js): one long-lived call per
 *   channel, requests keyed by correlation id, options on the first request,
 *   `is_final` on the last; it reads `success` (current_revision, shared
 *   AllStreamPosition) or `error` (google.rpc.Status whose `details` is an Any
 *   packing `event_store.client.WrongExpectedVersion`; unpackError.js).
 *   `appendPath: 'batch-append'` advertises and implements it.
 * - Reads of a stream, reads of `$all` and `$all` subscriptions all use the
 *   server-streaming `Streams.Read` (readStream.js, readAll.js,
 *   subscribeToAll.js): options.stream (revision | start | end) or options.all
 *   (position | start | end), read_direction, count, or `subscription` instead
 *   of count, and `filter` (stream_identifier or event_type expression: regex
 *   or prefix list) or `no_filter`; uuid_option string. Every event goes out as
 *   `ReadResp.event.event` with metadata keys `type`, `content-type` and
 *   `created` (Unix ms × 10,000, as the server's ticks) — see
 *   dist/utils/convertGrpcEvent.js, which parses JSON data only when
 *   content-type is application/json and reads `commit_position` /
 *   `prepare_position` from the recorded event.
 * - A missing stream answers one `ReadResp.stream_not_found`; the client turns
 *   it into StreamNotFoundError (dist/streams/utils/ReadStream.js).
 * - A subscription first gets `confirmation` (Subscription.js emits it), then
 *   catch-up events, then live ones. `caught_up` is not needed by the client
 *   and not sent; a filtered subscription gets one `checkpoint` after catch-up,
 *   as a real server sends them, which the client ignores without a
 *   checkpointReached callback.
 *
 * Where the double is a model, not the server: positions are one number per
 * event (commit = prepare), a multiple of 100 from a random-ish start with
 * irregular gaps, to prove nobody assumes position + 1. Reads from a position
 * that is not an event boundary are refused, as a real server refuses them
 * (status INVALID_ARGUMENT here; the real status was not verified). Idempotent
 * appends follow EventStoreDB's rule (same event ids at the expected place
 * return the original result). Stream subscriptions, deletes, tombstones,
 * links and ACLs are not implemented.
 *
 * Faults: `failNext(n, code)` fails the next n Streams operations (a Read
 * call, an Append call, a BatchAppend request) with that status, optionally
 * after the write happened (`afterWrite`, a lost acknowledgement). `stop()`
 * ends live calls with UNAVAILABLE and closes the port; `restart()` serves the
 * same data on the same port again.
 */
import { randomInt, randomUUID } from 'node:crypto';
import {
  Metadata,
  Server,
  ServerCredentials,
  ServerDuplexStream,
  ServerReadableStream,
  ServerUnaryCall,
  ServerWritableStream,
  sendUnaryData,
  status,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@eventstore/db-client/generated/serverfeatures_pb';
import {
  AllStreamPosition,
  Empty,
  StreamIdentifier,
  UUID,
  WrongExpectedVersion as SharedWrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  ReadReq,
  ReadResp,
} from '@eventstore/db-client/generated/streams_pb';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb';

export type AppendPath = 'append' | 'batch-append';

export interface EventStoreDbGrpcDoubleOptions {
  /**
   * 'append' (default): GetSupportedMethods is UNIMPLEMENTED, as on EventStoreDB
   * 20.6, and the client appends with `Streams.Append`. 'batch-append': the
   * double advertises `Streams.BatchAppend`, as 21.10 and later do.
   */
  appendPath?: AppendPath;
  /** Commit position of the first event. Default: a random multiple of 100 in 1,000..999,900. */
  firstPosition?: bigint;
  /** Gaps between consecutive positions, cycled. Default 100, 300, 200. */
  positionGaps?: bigint[];
}

export interface FaultOptions {
  /** Apply the operation, then fail it: the client never learns it succeeded. */
  afterWrite?: boolean;
  /** Only count operations of this RPC. Default: any Streams operation. */
  rpc?: 'Read' | 'Append' | 'BatchAppend';
}

/** One event as the double stores it. */
export interface DoubleEvent {
  stream: string;
  revision: number;
  eventId: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
  /** .NET ticks since the Unix epoch: ms × 10,000. */
  createdTicks: bigint;
  position: bigint;
}

type Expected =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'revision'; value: bigint };

interface Proposed {
  eventId: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

type AppendOutcome =
  | { ok: true; revision: number; position: bigint | undefined }
  | { ok: false; current: number | 'no_stream' };

interface Fault {
  code: status;
  afterWrite: boolean;
  rpc: FaultOptions['rpc'];
}

/** A call the double can end from the outside (on stop). */
interface ActiveCall {
  kill(code: status, details: string): void;
}

interface LiveSubscription {
  call: ServerWritableStream<ReadReq, ReadResp>;
  matches: (event: DoubleEvent) => boolean;
  uuidStructured: boolean;
}

const STREAMS_SERVICE = 'event_store.client.streams.Streams';
const TICKS_PER_MS = 10_000n;
const U64_MAX = 2n ** 64n - 1n;

class DoubleError extends Error {
  constructor(
    readonly code: status,
    details: string,
    readonly metadata?: Metadata,
  ) {
    super(details);
  }

  get details(): string {
    return this.message;
  }
}

export class EventStoreDbGrpcDouble {
  readonly appendPath: AppendPath;
  /** Every RPC received, in order, e.g. `Streams.Read(stream)`; tests use it to see which path the client took. */
  readonly calls: string[] = [];
  private readonly streams = new Map<string, DoubleEvent[]>();
  private readonly log: DoubleEvent[] = [];
  private readonly gaps: bigint[];
  private gapIndex = 0;
  private nextPosition: bigint;
  private readonly faults: Fault[] = [];
  private readonly active = new Set<ActiveCall>();
  private readonly live = new Set<LiveSubscription>();
  private server: Server | undefined;
  private boundPort = 0;

  constructor(options: EventStoreDbGrpcDoubleOptions = {}) {
    this.appendPath = options.appendPath ?? 'append';
    this.nextPosition = options.firstPosition ?? BigInt(randomInt(10, 10_000)) * 100n;
    this.gaps = options.positionGaps ?? [100n, 300n, 200n];
    if (this.nextPosition < 0n || this.gaps.length === 0 || this.gaps.some((g) => g <= 0n)) {
      throw new RangeError('firstPosition must be >= 0 and gaps > 0');
    }
  }

  get port(): number {
    if (this.boundPort === 0) throw new Error('the double is not started');
    return this.boundPort;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** The global log, in position order (a copy). */
  get events(): readonly DoubleEvent[] {
    return [...this.log];
  }

  get liveSubscriptionCount(): number {
    return this.live.size;
  }

  /** Binds 127.0.0.1 on `port` (default: the previous port, else any free one). */
  async start(options: { port?: number } = {}): Promise<void> {
    if (this.server) throw new Error('the double is already running');
    const server = new Server();
    server.addService(StreamsService, this.streamsImplementation());
    if (this.appendPath === 'batch-append') {
      server.addService(ServerFeaturesService, {
        getSupportedMethods: (
          _call: ServerUnaryCall<unknown, SupportedMethods>,
          callback: sendUnaryData<SupportedMethods>,
        ) => {
          this.calls.push('ServerFeatures.GetSupportedMethods');
          callback(null, this.supportedMethods());
        },
      });
    } else {
      // As EventStoreDB 20.6: the client falls back to Streams.Append.
      server.addService(ServerFeaturesService, {
        getSupportedMethods: (
          _call: ServerUnaryCall<unknown, SupportedMethods>,
          callback: sendUnaryData<SupportedMethods>,
        ) => {
          this.calls.push('ServerFeatures.GetSupportedMethods');
          callback({ code: status.UNIMPLEMENTED, details: 'not implemented (test double)' });
        },
      });
    }
    const port = options.port ?? this.boundPort;
    this.boundPort = await new Promise<number>((resolve, reject) => {
      server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (err, bound) =>
        err ? reject(err) : resolve(bound),
      );
    });
    this.server = server;
  }

  /**
   * Ends every live call with UNAVAILABLE (or, when `abrupt`, just drops the
   * connections) and closes the port. The data stays for `start`/`restart`.
   */
  async stop(options: { abrupt?: boolean } = {}): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.live.clear();
    if (options.abrupt) {
      this.active.clear();
      server.forceShutdown();
      return;
    }
    for (const call of [...this.active])
      call.kill(status.UNAVAILABLE, 'server stopped (test double)');
    this.active.clear();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, 1_000);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Stops, then serves the same data on the same port. */
  async restart(): Promise<void> {
    const port = this.boundPort;
    await this.stop();
    await this.start({ port });
  }

  /** Fails the next `count` Streams operations with `code` (default UNAVAILABLE). */
  failNext(count: number, code: status = status.UNAVAILABLE, options: FaultOptions = {}): void {
    if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be >= 0');
    for (let i = 0; i < count; i++) {
      this.faults.push({ code, afterWrite: options.afterWrite ?? false, rpc: options.rpc });
    }
  }

  /** Pending injected faults. */
  get pendingFaults(): number {
    return this.faults.length;
  }

  /**
   * Writes an event directly, as the server itself would (e.g. `$statistics`
   * or `$metadata` system events). Live subscriptions receive it.
   */
  injectEvent(
    stream: string,
    type: string,
    data: unknown = {},
    metadata?: unknown,
  ): { revision: number; position: bigint } {
    const outcome = this.appendToLog(stream, { kind: 'any' }, [
      {
        eventId: randomUUID(),
        type,
        contentType: 'application/json',
        data: Buffer.from(JSON.stringify(data), 'utf8'),
        customMetadata:
          metadata === undefined ? new Uint8Array() : Buffer.from(JSON.stringify(metadata), 'utf8'),
      },
    ]);
    if (!outcome.ok || outcome.position === undefined) throw new Error('inject failed');
    return { revision: outcome.revision, position: outcome.position };
  }

  // ---------------------------------------------------------------- services

  private streamsImplementation(): UntypedServiceImplementation {
    return {
      read: (call: ServerWritableStream<ReadReq, ReadResp>) => this.read(call),
      append: (
        call: ServerReadableStream<AppendReq, AppendResp>,
        callback: sendUnaryData<AppendResp>,
      ) => this.append(call, callback),
      batchAppend: (call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>) =>
        this.batchAppend(call),
    };
  }

  private supportedMethods(): SupportedMethods {
    const methods = ['Read', 'Append', 'BatchAppend'].map((name) =>
      new SupportedMethod().setServiceName(STREAMS_SERVICE).setMethodName(name),
    );
    return new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion('test-double');
  }

  private takeFault(rpc: 'Read' | 'Append' | 'BatchAppend'): Fault | undefined {
    const index = this.faults.findIndex((f) => f.rpc === undefined || f.rpc === rpc);
    return index < 0 ? undefined : this.faults.splice(index, 1)[0];
  }

  // -------------------------------------------------------------------- read

  private read(call: ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions();
    const kind = !options
      ? 'invalid'
      : options.hasSubscription()
        ? options.hasAll()
          ? 'subscription'
          : 'stream-subscription'
        : options.hasAll()
          ? '$all'
          : 'stream';
    this.calls.push(`Streams.Read(${kind})`);
    const handle: ActiveCall = {
      kill: (code, details) => call.emit('error', { code, details }),
    };
    this.active.add(handle);
    const forget = () => {
      this.active.delete(handle);
      for (const sub of this.live) if (sub.call === call) this.live.delete(sub);
    };
    call.on('cancelled', forget);
    call.on('finish', forget);
    call.on('error', forget);
    try {
      const fault = this.takeFault('Read');
      if (fault) throw new DoubleError(fault.code, 'injected fault (test double)');
      if (!options) throw new DoubleError(status.INVALID_ARGUMENT, 'missing options');
      const uuidStructured = options.getUuidOption()?.hasStructured() ?? false;
      if (kind === 'stream') this.readStream(call, options, uuidStructured);
      else if (kind === '$all') this.readAll(call, options, uuidStructured);
      else if (kind === 'subscription') this.subscribeToAll(call, options, uuidStructured);
      else throw new DoubleError(status.UNIMPLEMENTED, `${kind} is not implemented (test double)`);
    } catch (err) {
      this.failCall(call, err);
    }
  }

  private readStream(
    call: ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReq.Options,
    uuidStructured: boolean,
  ): void {
    const streamOptions = options.getStream();
    if (!streamOptions) throw new DoubleError(status.INVALID_ARGUMENT, 'missing stream options');
    const identifier = streamOptions.getStreamIdentifier();
    const name = streamNameOf(identifier);
    const events = this.streams.get(name);
    if (!events || events.length === 0) {
      const notFound = new ReadResp.StreamNotFound();
      notFound.setStreamIdentifier(identifier);
      call.write(new ReadResp().setStreamNotFound(notFound));
      call.end();
      return;
    }
    const count = readCount(options);
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const last = BigInt(events.length - 1);
    let from: bigint;
    if (streamOptions.hasRevision()) {
      const requested = BigInt(streamOptions.getRevision());
      from = backwards ? minBig(requested, last) : requested;
    } else if (streamOptions.hasEnd()) {
      from = backwards ? last : last + 1n;
    } else {
      from = 0n;
    }
    let sent = 0n;
    for (
      let revision = from;
      sent < count && revision >= 0n && revision <= last;
      revision += backwards ? -1n : 1n
    ) {
      call.write(this.eventResponse(events[Number(revision)], false, uuidStructured));
      sent++;
    }
    call.end();
  }

  private readAll(
    call: ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReq.Options,
    uuidStructured: boolean,
  ): void {
    const all = options.getAll();
    if (!all) throw new DoubleError(status.INVALID_ARGUMENT, 'missing all options');
    const count = readCount(options);
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    let sent = 0n;
    if (backwards) {
      // Backwards from a position: the events before it.
      let index = all.hasPosition()
        ? this.boundaryIndex(all.getPosition()!) - 1
        : all.hasStart()
          ? -1
          : this.log.length - 1;
      for (; sent < count && index >= 0; index--, sent++) {
        call.write(this.eventResponse(this.log[index], true, uuidStructured));
      }
    } else {
      // Forwards from a position: that event (inclusive) and the ones after it.
      let index = all.hasPosition()
        ? this.boundaryIndex(all.getPosition()!)
        : all.hasEnd()
          ? this.log.length
          : 0;
      for (; sent < count && index < this.log.length; index++, sent++) {
        call.write(this.eventResponse(this.log[index], true, uuidStructured));
      }
    }
    call.end();
  }

  private subscribeToAll(
    call: ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReq.Options,
    uuidStructured: boolean,
  ): void {
    const all = options.getAll();
    if (!all) throw new DoubleError(status.INVALID_ARGUMENT, 'missing all options');
    // Subscriptions are exclusive of their start position.
    const firstIndex = all.hasPosition()
      ? this.indexAfter(all.getPosition()!)
      : all.hasEnd()
        ? this.log.length
        : 0;
    const matches = filterOf(options);
    const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
    call.write(new ReadResp().setConfirmation(confirmation));
    for (let i = firstIndex; i < this.log.length; i++) {
      if (matches(this.log[i])) call.write(this.eventResponse(this.log[i], true, uuidStructured));
    }
    if (options.hasFilter() && this.log.length > 0) {
      const head = this.log[this.log.length - 1].position.toString();
      const checkpoint = new ReadResp.Checkpoint().setCommitPosition(head).setPreparePosition(head);
      call.write(new ReadResp().setCheckpoint(checkpoint));
    }
    this.live.add({ call, matches, uuidStructured });
  }

  /** Index of the event at `position`, or of the end of the log; anything else is refused. */
  private boundaryIndex(position: ReadReq.Options.Position): number {
    const commit = BigInt(position.getCommitPosition());
    if (commit === 0n) return 0;
    if (commit === this.nextPosition) return this.log.length;
    const index = this.log.findIndex((e) => e.position === commit);
    if (index < 0) {
      throw new DoubleError(
        status.INVALID_ARGUMENT,
        `invalid position ${commit.toString()}: not an event boundary (test double)`,
      );
    }
    return index;
  }

  private indexAfter(position: ReadReq.Options.Position): number {
    const index = this.boundaryIndex(position);
    const commit = BigInt(position.getCommitPosition());
    return index < this.log.length && this.log[index].position === commit ? index + 1 : index;
  }

  private eventResponse(event: DoubleEvent, fromAll: boolean, uuidStructured: boolean): ReadResp {
    const recorded = new ReadResp.ReadEvent.RecordedEvent()
      .setId(uuidMessage(event.eventId, uuidStructured))
      .setStreamIdentifier(streamIdentifier(event.stream))
      .setStreamRevision(String(event.revision))
      .setCommitPosition(event.position.toString())
      .setPreparePosition(event.position.toString())
      .setData(event.data)
      .setCustomMetadata(event.customMetadata);
    recorded
      .getMetadataMap()
      .set('type', event.type)
      .set('content-type', event.contentType)
      .set('created', event.createdTicks.toString());
    const readEvent = new ReadResp.ReadEvent().setEvent(recorded);
    if (fromAll) readEvent.setCommitPosition(event.position.toString());
    else readEvent.setNoPosition(new Empty());
    return new ReadResp().setEvent(readEvent);
  }

  // ------------------------------------------------------------------ append

  private append(
    call: ServerReadableStream<AppendReq, AppendResp>,
    callback: sendUnaryData<AppendResp>,
  ): void {
    this.calls.push('Streams.Append');
    let answered = false;
    const answer = (err: DoubleError | null, response?: AppendResp) => {
      if (answered) return;
      answered = true;
      this.active.delete(handle);
      if (err) callback({ code: err.code, details: err.details, metadata: err.metadata });
      else callback(null, response);
    };
    const handle: ActiveCall = { kill: (code, details) => answer(new DoubleError(code, details)) };
    this.active.add(handle);
    const fault = this.takeFault('Append');
    let options: AppendReq.Options | undefined;
    const proposed: Proposed[] = [];
    let invalid: DoubleError | undefined;
    call.on('data', (request: AppendReq) => {
      try {
        if (request.hasOptions()) options = request.getOptions();
        else if (request.hasProposedMessage())
          proposed.push(parseProposed(request.getProposedMessage()!));
      } catch (err) {
        invalid ??= toDoubleError(err);
      }
    });
    call.on('error', () => answer(new DoubleError(status.CANCELLED, 'client went away')));
    call.on('end', () => {
      try {
        if (fault && !fault.afterWrite)
          throw new DoubleError(fault.code, 'injected fault (test double)');
        if (invalid) throw invalid;
        if (!options) throw new DoubleError(status.INVALID_ARGUMENT, 'append without options');
        const expected = appendExpected(options);
        const outcome = this.appendToLog(
          streamNameOf(options.getStreamIdentifier()),
          expected,
          proposed,
        );
        if (fault)
          throw new DoubleError(fault.code, 'injected fault after the write (test double)');
        answer(null, appendResponse(outcome, expected));
      } catch (err) {
        answer(toDoubleError(err));
      }
    });
  }

  private batchAppend(call: ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
    this.calls.push('Streams.BatchAppend');
    const handle: ActiveCall = { kill: (code, details) => call.emit('error', { code, details }) };
    this.active.add(handle);
    const forget = () => this.active.delete(handle);
    call.on('cancelled', forget);
    call.on('finish', forget);
    call.on('error', forget);
    const pending = new Map<string, { options: BatchAppendReq.Options; proposed: Proposed[] }>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = request.getCorrelationId();
      const key = uuidStringOf(correlationId);
      let entry = pending.get(key);
      if (!entry) {
        const options = request.getOptions();
        if (!options) {
          handle.kill(status.INVALID_ARGUMENT, 'first batch request without options');
          return;
        }
        entry = { options, proposed: [] };
        pending.set(key, entry);
      }
      try {
        entry.proposed.push(...request.getProposedMessagesList().map(parseProposed));
      } catch (err) {
        const e = toDoubleError(err);
        handle.kill(e.code, e.details);
        return;
      }
      if (!request.getIsFinal()) return;
      pending.delete(key);
      this.calls.push('Streams.BatchAppend(request)');
      const fault = this.takeFault('BatchAppend');
      if (fault && !fault.afterWrite) {
        handle.kill(fault.code, 'injected fault (test double)');
        return;
      }
      const identifier = entry.options.getStreamIdentifier();
      const expected = batchExpected(entry.options);
      const outcome = this.appendToLog(streamNameOf(identifier), expected, entry.proposed);
      if (fault) {
        handle.kill(fault.code, 'injected fault after the write (test double)');
        return;
      }
      call.write(batchResponse(outcome, expected, correlationId!, identifier!));
    });
    call.on('end', () => call.end());
  }

  /**
   * The write itself. EventStoreDB's idempotency: when the proposed event ids
   * are already the events at the expected place (after the expected revision,
   * or anywhere for `any`), the original result is returned and nothing is
   * written — which is what makes a retried append safe.
   */
  private appendToLog(stream: string, expected: Expected, proposed: Proposed[]): AppendOutcome {
    const events = this.streams.get(stream) ?? [];
    const current = events.length - 1;
    if (proposed.length > 0) {
      const start =
        expected.kind === 'revision'
          ? Number(minBig(expected.value + 1n, BigInt(Number.MAX_SAFE_INTEGER)))
          : expected.kind === 'no_stream'
            ? 0
            : events.findIndex((e) => e.eventId === proposed[0].eventId);
      if (
        start >= 0 &&
        start + proposed.length <= events.length &&
        proposed.every((p, i) => events[start + i].eventId === p.eventId)
      ) {
        const last = events[start + proposed.length - 1];
        return { ok: true, revision: last.revision, position: last.position };
      }
    }
    const matches =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === -1) ||
      (expected.kind === 'stream_exists' && current >= 0) ||
      (expected.kind === 'revision' && expected.value === BigInt(current));
    if (!matches) return { ok: false, current: current === -1 ? 'no_stream' : current };
    if (proposed.length === 0) {
      return { ok: true, revision: current, position: events[current]?.position };
    }
    const written: DoubleEvent[] = proposed.map((p, i) => ({
      stream,
      revision: current + 1 + i,
      eventId: p.eventId,
      type: p.type,
      contentType: p.contentType,
      data: p.data,
      customMetadata: p.customMetadata,
      createdTicks: BigInt(Date.now()) * TICKS_PER_MS,
      position: this.takePosition(),
    }));
    this.streams.set(stream, [...events, ...written]);
    this.log.push(...written);
    for (const sub of [...this.live]) {
      for (const event of written) {
        if (sub.matches(event)) sub.call.write(this.eventResponse(event, true, sub.uuidStructured));
      }
    }
    const last = written[written.length - 1];
    return { ok: true, revision: last.revision, position: last.position };
  }

  private takePosition(): bigint {
    const position = this.nextPosition;
    this.nextPosition += this.gaps[this.gapIndex++ % this.gaps.length];
    return position;
  }

  private failCall(call: ServerWritableStream<ReadReq, ReadResp>, err: unknown): void {
    const e = toDoubleError(err);
    call.emit('error', { code: e.code, details: e.details, metadata: e.metadata });
  }
}

// ------------------------------------------------------------------ helpers

function toDoubleError(err: unknown): DoubleError {
  if (err instanceof DoubleError) return err;
  return new DoubleError(status.INTERNAL, err instanceof Error ? err.message : String(err));
}

function streamNameOf(identifier: StreamIdentifier | undefined): string {
  if (!identifier) throw new DoubleError(status.INVALID_ARGUMENT, 'missing stream identifier');
  return Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

function streamIdentifier(name: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));
}

function readCount(options: ReadReq.Options): bigint {
  return options.hasCount() ? BigInt(options.getCount()) : U64_MAX;
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

/** EventStoreDB filters: one expression on the stream name or on the event type; regex or prefixes. */
function filterOf(options: ReadReq.Options): (event: DoubleEvent) => boolean {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter()!;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  if (!expression) throw new DoubleError(status.INVALID_ARGUMENT, 'filter without expression');
  const field = (e: DoubleEvent) => (onStream ? e.stream : e.type);
  const regex = expression.getRegex();
  if (regex !== '') {
    const compiled = new RegExp(regex);
    return (e) => compiled.test(field(e));
  }
  const prefixes = expression.getPrefixList();
  return (e) => prefixes.some((p) => field(e).startsWith(p));
}

function parseProposed(
  message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage,
): Proposed {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  for (const [key, value] of [
    ['type', type],
    ['content-type', contentType],
  ] as const) {
    if (value === undefined) {
      const trailer = new Metadata();
      trailer.set('exception', 'missing-required-metadata-property');
      trailer.set('required-metadata-properties', key);
      throw new DoubleError(status.INVALID_ARGUMENT, `missing metadata ${key}`, trailer);
    }
  }
  return {
    eventId: uuidStringOf(message.getId()),
    type: type!,
    contentType: contentType!,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

function uuidStringOf(uuid: UUID | undefined): string {
  if (!uuid) throw new DoubleError(status.INVALID_ARGUMENT, 'missing uuid');
  if (uuid.hasStructured()) {
    const s = uuid.getStructured()!;
    const hex =
      BigInt.asUintN(64, BigInt(s.getMostSignificantBits())).toString(16).padStart(16, '0') +
      BigInt.asUintN(64, BigInt(s.getLeastSignificantBits())).toString(16).padStart(16, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  const text = uuid.getString().toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text)) {
    // The server parses ids as .NET Guids; anything else is refused.
    throw new DoubleError(status.INVALID_ARGUMENT, `event id ${text} is not a UUID`);
  }
  return text;
}

function uuidMessage(id: string, structured: boolean): UUID {
  if (!structured) return new UUID().setString(id);
  const hex = id.replace(/-/g, '');
  const most = BigInt.asIntN(64, BigInt(`0x${hex.slice(0, 16)}`)).toString();
  const least = BigInt.asIntN(64, BigInt(`0x${hex.slice(16)}`)).toString();
  return new UUID().setStructured(
    new UUID.Structured().setMostSignificantBits(most).setLeastSignificantBits(least),
  );
}

function appendExpected(options: AppendReq.Options): Expected {
  if (options.hasRevision()) return { kind: 'revision', value: BigInt(options.getRevision()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  if (options.hasAny()) return { kind: 'any' };
  throw new DoubleError(status.INVALID_ARGUMENT, 'append without expected revision');
}

function batchExpected(options: BatchAppendReq.Options): Expected {
  if (options.hasStreamPosition()) {
    return { kind: 'revision', value: BigInt(options.getStreamPosition()) };
  }
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

function appendResponse(outcome: AppendOutcome, expected: Expected): AppendResp {
  if (outcome.ok) {
    const success = new AppendResp.Success();
    if (outcome.revision < 0) success.setNoStream(new Empty());
    else success.setCurrentRevision(String(outcome.revision));
    if (outcome.position === undefined) success.setNoPosition(new Empty());
    else {
      const p = outcome.position.toString();
      success.setPosition(new AppendResp.Position().setCommitPosition(p).setPreparePosition(p));
    }
    return new AppendResp().setSuccess(success);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.current === 'no_stream') wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(String(outcome.current));
  if (expected.kind === 'revision') wrong.setExpectedRevision(expected.value.toString());
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  else wrong.setExpectedAny(new Empty());
  return new AppendResp().setWrongExpectedVersion(wrong);
}

function batchResponse(
  outcome: AppendOutcome,
  expected: Expected,
  correlationId: UUID,
  identifier: StreamIdentifier,
): BatchAppendResp {
  const response = new BatchAppendResp()
    .setCorrelationId(correlationId)
    .setStreamIdentifier(identifier);
  if (expected.kind === 'revision') response.setStreamPosition(expected.value.toString());
  else if (expected.kind === 'no_stream') response.setNoStream(new ProtobufEmpty());
  else if (expected.kind === 'stream_exists') response.setStreamExists(new ProtobufEmpty());
  else response.setAny(new ProtobufEmpty());
  if (outcome.ok) {
    const success = new BatchAppendResp.Success();
    if (outcome.revision < 0) success.setNoStream(new ProtobufEmpty());
    else success.setCurrentRevision(String(outcome.revision));
    if (outcome.position === undefined) success.setNoPosition(new ProtobufEmpty());
    else {
      const p = outcome.position.toString();
      success.setPosition(new AllStreamPosition().setCommitPosition(p).setPreparePosition(p));
    }
    return response.setSuccess(success);
  }
  const details = new SharedWrongExpectedVersion();
  if (outcome.current === 'no_stream') details.setCurrentNoStream(new ProtobufEmpty());
  else details.setCurrentStreamRevision(String(outcome.current));
  if (expected.kind === 'revision') details.setExpectedStreamPosition(expected.value.toString());
  else if (expected.kind === 'no_stream') details.setExpectedNoStream(new ProtobufEmpty());
  else if (expected.kind === 'stream_exists') details.setExpectedStreamExists(new ProtobufEmpty());
  else details.setExpectedAny(new ProtobufEmpty());
  const packed = new Any();
  packed.pack(details.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  const error = new Status()
    .setCode(status.FAILED_PRECONDITION as number)
    .setMessage('Wrong expected version (test double)')
    .setDetails(packed);
  return response.setError(error);
}
