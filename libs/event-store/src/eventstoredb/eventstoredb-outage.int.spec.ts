import { createServer, Server, Socket } from 'node:net';
import { EventStoreDbGrpcDouble } from '../../test-support/esdb-grpc-double/eventstoredb-grpc.double';
import { metadataFor } from '../../test-support/event-store.contract';
import { EventStoreUnavailableError, EventToAppend } from '../event-store.port';
import {
  EVENTSTOREDB_DEFAULT_DEADLINE_MS,
  EventStoreDbEventStore,
} from './eventstoredb-event-store';

/**
 * Issue #12 point 5: an unreachable or hung EventStoreDB reaches the caller as
 * the port's EventStoreUnavailableError, in bounded time (ADR 0015).
 */
const event = (type: string): EventToAppend => ({
  type,
  data: {},
  metadata: metadataFor('outage'),
});

jest.setTimeout(20_000);

describe('EventStoreDbEventStore outages', () => {
  const opened: EventStoreDbEventStore[] = [];
  const connect = (url: string) => {
    const store = EventStoreDbEventStore.connect(url, {
      retryBackoffMsMin: 5,
      retryBackoffMsMax: 20,
    });
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  it('given the server stopped, when reading, appending and asking the head, then EventStoreUnavailableError (UNAVAILABLE) after the retries', async () => {
    const double = new EventStoreDbGrpcDouble();
    await double.start();
    const store = connect(double.connectionString);
    await store.append('s', [event('A')], 'no_stream');
    await double.stop({ abrupt: true });

    for (const call of [
      () => store.readStream('s'),
      () => store.append('s', [event('B')], 0),
      () => store.headPosition(),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect(error).toMatchObject({
        code: 14,
        message: 'the event store is unavailable; retry shortly',
      });
    }
  });

  describe('given a server that accepts connections and never answers', () => {
    let hung: Server;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      hung = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => hung.close(() => resolve()));
    });

    it('when reading, then EventStoreUnavailableError (DEADLINE_EXCEEDED) once the connection deadline passed (gRPC alone would wait for good)', async () => {
      const { port } = hung.address() as { port: number };
      const store = connect(`esdb://127.0.0.1:${port}?tls=false`);
      const started = Date.now();
      const error = await store.readStream('s').catch((e: unknown) => e);
      const elapsed = Date.now() - started;
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect((error as EventStoreUnavailableError).code).toBe(4);
      expect(elapsed).toBeGreaterThanOrEqual(EVENTSTOREDB_DEFAULT_DEADLINE_MS - 100);
      expect(elapsed).toBeLessThan(EVENTSTOREDB_DEFAULT_DEADLINE_MS + 1_500);
    });
  });
});
