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
import { openConfiguredStore } from '../ledger-store';
import { progressOn } from '../progress';
import { CliCommand, CommandError, UsageError } from './command';

export interface ExportArgs {
  from: string;
  to: string;
  outDir: string;
  formats: ExportFormat[];
  unmasked: boolean;
  role?: string;
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
  if (values.unmasked && !FULL_ID_ROLES.has(values.role ?? '')) {
    throw new UsageError(
      `--unmasked shows full ID numbers, which only ${[...FULL_ID_ROLES].join(' and ')} may see (RULES.md "Identity"): give --role reviewer or --role supervisor`,
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
    role: values.role,
    quiet: values.quiet === true,
    headers: values.headers as HeaderLanguage,
    enterpriseId: values.enterprise,
  };
}

/**
 * `ledger export`: events, enterprise statements and person-cap statements
 * for a period, as CSV and/or JSON Lines, ID numbers masked unless
 * `--unmasked` by a role that may see them.
 */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write events and statements for a period as CSV / JSON Lines / xlsx',
  usage:
    'export --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--format csv,jsonl,xlsx]\n' +
    '       [--enterprise CREDIT_CODE] [--headers zh|en]\n' +
    '       [--unmasked --role reviewer|supervisor] [--quiet]',
  async run(args, io) {
    const options = parseExportArgs(args);
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
        role: options.role,
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
