import { parseArgs } from 'node:util';
import { withUpcasting } from '@ledger/application/event-upcasting';
import { LEDGER_PROJECTIONS } from '@ledger/projections/projections';
import { rebuildSqliteProjection, rebuildSqliteReadModels } from '@ledger/projections/rebuild';
import { openConfiguredStore } from '../ledger-store';
import { progressOn } from '../progress';
import { CliCommand, CommandError, UsageError } from './command';

export function parseRebuildArgs(args: string[]): { projection?: string; quiet: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { quiet: { type: 'boolean', default: false } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.positionals.length > 1) {
    throw new UsageError(`unexpected argument ${parsed.positionals[1]}`);
  }
  const projection = parsed.positionals[0];
  if (projection !== undefined && !LEDGER_PROJECTIONS.some((p) => p.name === projection)) {
    throw new UsageError(
      `unknown projection ${projection}; one of ${LEDGER_PROJECTIONS.map((p) => p.name).join(', ')}`,
    );
  }
  return { projection, quiet: parsed.values.quiet === true };
}

/**
 * `ledger rebuild [projection]`: throws the read models (or the one named)
 * away and replays every event into them, upcast to current shapes, on the
 * configured data directory, with progress on stderr (a bar on a terminal,
 * plain lines otherwise). Safe while the API runs (see rebuild.ts).
 */
export const rebuildCommand: CliCommand = {
  name: 'rebuild',
  summary: 'rebuild every read model (or the one named) from the events',
  usage: `rebuild [${LEDGER_PROJECTIONS.map((p) => p.name).join('|')}] [--quiet]`,
  async run(args, io) {
    const options = parseRebuildArgs(args);
    const opened = openConfiguredStore(io.env);
    const progress = options.quiet ? undefined : progressOn(io, 'rebuild');
    try {
      if (!opened.sqlite) {
        throw new CommandError(
          'the read models of the scale-out backend live in Redis; `apps/projector` rebuilds them',
        );
      }
      const store = withUpcasting(opened.store);
      const head = await store.headPosition();
      const readAll = (afterPosition: number, maxCount: number) =>
        store.readAll({ afterPosition, maxCount });
      const onProgress = progress
        ? (events: number, position: number) => progress.update(events, position, head)
        : undefined;
      const started = process.hrtime.bigint();
      const projection = LEDGER_PROJECTIONS.find((p) => p.name === options.projection);
      const result = projection
        ? await rebuildSqliteProjection(opened.sqlite, readAll, projection, onProgress)
        : await rebuildSqliteReadModels(opened.sqlite, readAll, LEDGER_PROJECTIONS, onProgress);
      progress?.finish();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      io.stdout(
        `${JSON.stringify({
          rebuilt: true,
          projections: projection ? [projection.name] : LEDGER_PROJECTIONS.map((p) => p.name),
          ...result,
          seconds: Number(seconds.toFixed(3)),
        })}\n`,
      );
      return 0;
    } finally {
      await opened.close();
    }
  },
};
