import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { CheckpointError, parseSigningKey, signCheckpoint, verifyLedger } from '@ledger/audit';
import { openConfiguredStore } from '../ledger-store';
import { progressOn } from '../progress';
import { withWorkDir } from '../work-dir';
import { CliCommand, CommandError, UsageError } from './command';

export const SIGNING_KEY_ENV = 'LEDGER_AUDIT_SIGNING_KEY';

/**
 * `ledger checkpoint --out FILE [--to POSITION]` (ADR 0007): recomputes the
 * log root over the first events (all of them, or up to POSITION), checking
 * every hash chain on the way, and writes it signed with the Ed25519 key of
 * `LEDGER_AUDIT_SIGNING_KEY`. Refuses to sign a log whose chains are broken.
 * The auditor keeps the file outside the system; `ledger verify --checkpoint
 * FILE` later proves the log still extends it.
 */
export const checkpointCommand: CliCommand = {
  name: 'checkpoint',
  summary: 'sign the log root (Ed25519, LEDGER_AUDIT_SIGNING_KEY) into a checkpoint file',
  usage: 'checkpoint --out FILE [--to POSITION] [--quiet]',
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        strict: true,
        allowPositionals: false,
        options: {
          out: { type: 'string' },
          to: { type: 'string' },
          quiet: { type: 'boolean', default: false },
        },
      }));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (!values.out) throw new UsageError('--out FILE is required');
    const to = values.to === undefined ? undefined : Number(values.to);
    if (to !== undefined && (!Number.isSafeInteger(to) || to < 1)) {
      throw new UsageError('--to must be a position (a positive integer)');
    }
    const keyText = io.env[SIGNING_KEY_ENV];
    if (!keyText || keyText.trim() === '') {
      throw new CommandError(`${SIGNING_KEY_ENV} is not set (make a key with \`ledger keygen\`)`);
    }
    let key;
    try {
      key = parseSigningKey(keyText);
    } catch (error) {
      if (error instanceof CheckpointError)
        throw new CommandError(`${SIGNING_KEY_ENV}: ${error.message}`);
      throw error;
    }
    const opened = openConfiguredStore(io.env);
    const progress = values.quiet ? undefined : progressOn(io, 'checkpoint');
    let report;
    try {
      report = await withWorkDir(opened.config.dataDir, undefined, (workDir) =>
        verifyLedger({
          store: opened.store,
          backend: opened.backend,
          sqlite: opened.sqlite,
          workDir,
          readModels: false,
          invariants: false,
          upToPosition: to,
          onProgress: progress ? (e, p, h) => progress.update(e, p, h) : undefined,
        }),
      );
    } finally {
      progress?.finish();
      await opened.close();
    }
    if (!report.ok) {
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      throw new CommandError(
        `the log's hash chains are broken at position ${report.firstBadPosition}; nothing was signed`,
      );
    }
    const checkpoint = signCheckpoint(
      {
        fromPosition: 0,
        toPosition: report.logRoot.toPosition,
        eventCount: report.logRoot.eventCount,
        rootHash: report.logRoot.rootHash,
        signedAt: new Date().toISOString(),
      },
      key,
    );
    fs.writeFileSync(values.out, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o644 });
    io.stdout(`${JSON.stringify(checkpoint, null, 2)}\n`);
    return 0;
  },
};
