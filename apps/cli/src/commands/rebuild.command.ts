import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { rebuildSqliteReadModels } from '@ledger/projections/rebuild';
import { loadLedgerConfig } from '../../../api/src/platform/config/ledger-config';
import { CliCommand, UsageError } from './command';

/**
 * `ledger rebuild`: throws the read models away and replays every event into
 * them, on the configured data directory. Safe while the API runs (see rebuild.ts).
 */
export const rebuildCommand: CliCommand = {
  name: 'rebuild',
  summary: 'rebuild every read model from the events',
  usage: 'rebuild',
  async run(args, io) {
    if (args.length > 0) throw new UsageError(`unexpected argument ${args[0]}`);
    const config = loadLedgerConfig(io.env);
    const store = SqliteEventStore.open({ dataDir: config.dataDir });
    try {
      const started = process.hrtime.bigint();
      const result = await rebuildSqliteReadModels(store.database, (afterPosition, maxCount) =>
        store.readAll({ afterPosition, maxCount }),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      io.stdout(
        `${JSON.stringify({ rebuilt: true, ...result, seconds: Number(seconds.toFixed(3)) })}\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
