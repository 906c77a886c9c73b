import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { isBusinessDate } from '@ledger/domain';
import {
  EXPORT_FORMATS,
  ExportFormat,
  exportLedger,
  FULL_ID_ROLES,
  HEADER_LANGUAGES,
  HeaderLanguage,
} from '@ledger/audit';
import type { Actor } from '../../../api/src/platform/auth/actor';
import { ActorTokenError, verifyActorToken } from '../../../api/src/platform/auth/actor-token';
import { loadLedgerConfig } from '../../../api/src/platform/config/ledger-config';
import { openConfiguredStore } from '../ledger-store';
import { progressOn } from '../progress';
import { CliCommand, CliIo, CommandError, EXIT_REFUSED, UsageError } from './command';

/** Where `--unmasked` looks for the operator's token when `--token` is not given. */
export const TOKEN_ENV = 'LEDGER_TOKEN';

export interface ExportArgs {
  from: string;
  to: string;
  outDir: string;
  formats: ExportFormat[];
  unmasked: boolean;
  /** Bank account numbers in full (finance's own use); last four digits otherwise. */
  unmaskedAccounts: boolean;
  /** The operator's actor token (`--token`); `LEDGER_TOKEN` when absent. */
  token?: string;
  quiet: boolean;
  headers: HeaderLanguage;
  enterpriseId?: string;
}

export function parseExportArgs(args: string[]): ExportArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string', default: 'csv,jsonl' },
        unmasked: { type: 'boolean', default: false },
        'unmasked-accounts': { type: 'boolean', default: false },
        token: { type: 'string' },
        // Kept only to say why it is gone: anyone could type it.
        role: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        headers: { type: 'string', default: 'zh' },
        enterprise: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  for (const name of ['from', 'to'] as const) {
    const value = values[name];
    if (value === undefined) throw new UsageError(`--${name} YYYY-MM-DD is required`);
    if (!isBusinessDate(value))
      throw new UsageError(`--${name} must be a date YYYY-MM-DD, got ${value}`);
  }
  if (values.from! > values.to!) throw new UsageError('--from must not be after --to');
  if (!values.out) throw new UsageError('--out DIR is required');
  const formats = [...new Set((values.format ?? '').split(',').map((f) => f.trim()))];
  if (formats.length === 0 || formats.some((f) => !(EXPORT_FORMATS as string[]).includes(f))) {
    throw new UsageError(`--format must be a list of ${EXPORT_FORMATS.join(', ')}`);
  }
  if (values.role !== undefined) {
    throw new UsageError(
      '--role is no longer taken on trust: --unmasked needs --token JWT of a reviewer or supervisor',
    );
  }
  if (!(HEADER_LANGUAGES as string[]).includes(values.headers ?? '')) {
    throw new UsageError(`--headers must be one of ${HEADER_LANGUAGES.join(', ')}`);
  }
  if (values.enterprise !== undefined && !/^[0-9A-Z]{18}$/.test(values.enterprise)) {
    throw new UsageError('--enterprise must be an 18-character unified social credit code');
  }
  return {
    from: values.from!,
    to: values.to!,
    outDir: values.out,
    formats: formats as ExportFormat[],
    unmasked: values.unmasked === true,
    unmaskedAccounts: values['unmasked-accounts'] === true,
    token: values.token,
    quiet: values.quiet === true,
    headers: values.headers as HeaderLanguage,
    enterpriseId: values.enterprise,
  };
}

const FULL_ID_ROLE_NAMES = [...FULL_ID_ROLES].join(' and ');

/**
 * `--unmasked` writes every full ID number to disk, which RULES.md "Identity"
 * allows only reviewers and supervisors. A flag anyone can type proves
 * nothing, so the operator shows a token signed with the API's own secret
 * and checked by the API's own rules (expiry, LEDGER_JWT_MAX_TTL, actor id).
 */
export async function authoriseUnmasked(token: string | undefined, io: CliIo): Promise<Actor> {
  if (token === undefined || token.trim() === '') {
    throw new UsageError(
      `--unmasked needs --token JWT (or ${TOKEN_ENV}) of a reviewer or supervisor: full ID numbers are only theirs to see (RULES.md "Identity")`,
    );
  }
  const config = loadLedgerConfig(io.env);
  let actor: Actor;
  try {
    actor = await verifyActorToken(token.trim(), config.jwtSecret, {
      maxTtlSeconds: config.jwtMaxTtlSeconds,
    });
  } catch (error) {
    if (error instanceof ActorTokenError) {
      throw new CommandError(`--unmasked refused: ${error.message}`, EXIT_REFUSED);
    }
    throw error;
  }
  if (!FULL_ID_ROLES.has(actor.role)) {
    throw new CommandError(
      `--unmasked refused: it shows full ID numbers, which only ${FULL_ID_ROLE_NAMES} may see (RULES.md "Identity"); the token is a ${actor.role}'s`,
      EXIT_REFUSED,
    );
  }
  return actor;
}

/**
 * `ledger export`: events, enterprise statements and person-cap statements
 * for a period, as CSV and/or JSON Lines, ID numbers masked unless
 * `--unmasked` with the token of a role that may see them, bank account
 * numbers by their last four digits unless `--unmasked-accounts`.
 */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write events and statements for a period as CSV / JSON Lines / xlsx',
  usage:
    'export --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--format csv,jsonl,xlsx]\n' +
    '       [--enterprise CREDIT_CODE] [--headers zh|en]\n' +
    '       [--unmasked [--token JWT of a reviewer or supervisor, or LEDGER_TOKEN]]\n' +
    '       [--unmasked-accounts (bank account numbers in full, for finance; else last four digits)] [--quiet]',
  async run(args, io) {
    const options = parseExportArgs(args);
    const operator = options.unmasked
      ? await authoriseUnmasked(options.token ?? io.env[TOKEN_ENV], io)
      : undefined;
    const existing = options.formats.flatMap((f) =>
      ['events', 'enterprise-statements', 'person-cap-statements']
        .map((name) => `${options.outDir}/${name}.${f}`)
        .filter((file) => fs.existsSync(file)),
    );
    if (existing.length > 0) {
      throw new CommandError(`${existing[0]} exists already; export into an empty directory`);
    }
    const opened = openConfiguredStore(io.env);
    const progress = options.quiet ? undefined : progressOn(io, 'export');
    try {
      const head = await opened.store.headPosition();
      const result = await exportLedger({
        readPage: (afterPosition, maxCount) => opened.store.readAll({ afterPosition, maxCount }),
        from: options.from,
        to: options.to,
        outDir: options.outDir,
        formats: options.formats,
        unmasked: options.unmasked,
        unmaskedAccounts: options.unmaskedAccounts,
        role: operator?.role,
        actor: operator?.actorId,
        headers: options.headers,
        enterpriseId: options.enterpriseId,
        upToPosition: head,
        exportedAt: new Date().toISOString(),
        onProgress: progress ? (e, p) => progress.update(e, p, head) : undefined,
      });
      progress?.finish();
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    } finally {
      await opened.close();
    }
  },
};
