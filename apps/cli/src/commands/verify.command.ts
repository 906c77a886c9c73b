import * as fs from 'node:fs';
import * as path from 'node:path';
import { LOG_ANCHOR_FILE } from '@ledger/event-store/sqlite/sqlite-log-anchor';
import { parseArgs } from 'node:util';
import {
  CheckpointError,
  LogCheckpoint,
  parseCheckpoint,
  parsePublicKey,
  verifyLedger,
  VerifyReport,
} from '@ledger/audit';
import type { KeyObject } from 'node:crypto';
import { stopPretenuring } from '@ledger/projections/heap-bound';
import { openConfiguredStore } from '../ledger-store';
import { compareRedisReadModels } from '../redis-read-model-check';
import { withUpcasting } from '@ledger/application';
import { progressOn } from '../progress';
import { withWorkDir } from '../work-dir';
import { CliCommand, CommandError, UsageError } from './command';

export interface VerifyArgs {
  checkpointFile?: string;
  publicKey?: string;
  readModels: boolean;
  workDir?: string;
  problemsMax: number;
  quiet: boolean;
}

export function parseVerifyArgs(args: string[]): VerifyArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        checkpoint: { type: 'string' },
        'public-key': { type: 'string' },
        'skip-read-models': { type: 'boolean', default: false },
        'work-dir': { type: 'string' },
        'max-problems': { type: 'string', default: '100' },
        quiet: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const problemsMax = Number(values['max-problems']);
  if (!Number.isSafeInteger(problemsMax) || problemsMax < 1 || problemsMax > 10_000) {
    throw new UsageError('--max-problems must be an integer from 1 to 10000');
  }
  if (values['public-key'] !== undefined && values.checkpoint === undefined) {
    throw new UsageError('--public-key goes with --checkpoint');
  }
  return {
    checkpointFile: values.checkpoint,
    publicKey: values['public-key'],
    readModels: !values['skip-read-models'],
    workDir: values['work-dir'],
    problemsMax,
    quiet: values.quiet === true,
  };
}

/** A key given inline (PEM, base64 SPKI) or as the path of a file holding one. */
export function readPublicKey(value: string): KeyObject {
  const text = fs.existsSync(value) ? fs.readFileSync(value, 'utf8') : value;
  return parsePublicKey(text);
}

function readCheckpointFile(file: string): LogCheckpoint {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new CommandError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return parseCheckpoint(text);
}

/**
 * `ledger verify` (ADR 0007): replays the whole log from position 0 and checks
 * the hash chains, the invariants of RULES.md, the read models (SQLite) and
 * optionally a signed checkpoint. Prints a JSON report; exit 0 when all hold,
 * 1 naming the first bad position otherwise.
 */
export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'replay every event and check hash chains, invariants, read models (and a checkpoint)',
  usage:
    'verify [--checkpoint FILE [--public-key FILE|PEM]] [--skip-read-models]\n' +
    '       [--work-dir DIR] [--max-problems N] [--quiet]',
  async run(args, io) {
    const options = parseVerifyArgs(args);
    let checkpoint: { checkpoint: LogCheckpoint; trustedKey?: KeyObject } | undefined;
    try {
      if (options.checkpointFile !== undefined) {
        checkpoint = {
          checkpoint: readCheckpointFile(options.checkpointFile),
          trustedKey:
            options.publicKey === undefined ? undefined : readPublicKey(options.publicKey),
        };
      }
    } catch (error) {
      if (error instanceof CheckpointError) throw new CommandError(error.message);
      throw error;
    }
    const opened = openConfiguredStore(io.env);
    // This process does nothing but verify: the replay's garbage stays out of
    // the old generation (ADR 0020 §88). Not in the library: the API's
    // verification thread shares its process with the requests, whose
    // commands cost 5-8 % more CPU without pretenuring.
    if (opened.sqlite && options.readModels) stopPretenuring();
    const progress = options.quiet ? undefined : progressOn(io, 'verify');
    let report: VerifyReport;
    try {
      report = await withWorkDir(opened.config.dataDir, options.workDir, (workDir) =>
        verifyLedger({
          store: opened.store,
          backend: opened.backend,
          sqlite: opened.sqlite,
          workDir,
          readModels: options.readModels,
          checkpoint,
          problemsMax: options.problemsMax,
          anchorFile:
            opened.backend === 'sqlite'
              ? path.join(opened.config.anchorDir, LOG_ANCHOR_FILE)
              : undefined,
          onProgress: progress ? (e, p, h) => progress.update(e, p, h) : undefined,
        }),
      );
      if (opened.backend === 'eventstoredb' && opened.config.redisUrl && options.readModels) {
        // The live models were written after events the replay also sees, so a
        // projector that is ahead is waited for, not counted as a difference.
        const redis = await compareRedisReadModels(
          opened.config.redisUrl,
          withUpcasting(opened.store),
        );
        report = { ...report, ok: report.ok && redis.ok, readModels: redis };
      }
    } finally {
      progress?.finish();
      await opened.close();
    }
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    io.stdout(`${JSON.stringify({ ...report, peakRssMb }, null, 2)}\n`);
    if (!report.ok) {
      io.stderr(
        `verify: ${report.problemCount} problem(s); the first bad position is ${report.firstBadPosition}: ${report.problems[0]?.message ?? ''}\n`,
      );
      return 1;
    }
    return 0;
  },
};
