/**
 * TEST SUPPORT, never a runtime option: serves the in-memory gRPC double of
 * EventStoreDB's Streams API on a port, so scale-out mode can be tried on a
 * machine without EventStoreDB. Everything it holds is lost when it stops.
 *
 *   npm run test-support:esdb-double -- [--port 2113]
 */
import { EventStoreDbGrpcDouble } from './eventstoredb-grpc.double';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--port');
  const port = i >= 0 ? Number(process.argv[i + 1]) : 2113;
  const double = new EventStoreDbGrpcDouble();
  await double.start({ port });
  process.stdout.write(
    `EventStoreDB gRPC double (test support, in memory) listening: LEDGER_EVENTSTORE_URL=${double.connectionString}\n`,
  );
  const stop = () => void double.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
