import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_POLICY_TABLE, PolicyTable } from '@ledger/domain/policy/policy-table';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import {
  BalanceEntry,
  enterpriseBalanceProjection,
} from '@ledger/projections/enterprise-balance.projection';
import { PersonCapEntry, personCapProjection } from '@ledger/projections/person-cap.projection';
import { maskAccountNumbers, maskIdNumbersInText, maskResidentIds } from '../mask';
import { upcastRecorded, ReadRawPage, VERIFY_LIMITS } from '../verify-log';
import { HeaderLanguage } from './export-columns';
import { ExportFormat, RecordWriter, RowWriter, WrittenFile } from './record-writer';
import { XlsxRecordWriter } from './xlsx-record-writer';

export interface LedgerExportOptions {
  readPage: ReadRawPage;
  /** Business dates, inclusive. */
  from: string;
  to: string;
  outDir: string;
  formats: readonly ExportFormat[];
  /** Full ID numbers; the caller has checked the role may see them (RULES.md "Identity"). */
  unmasked: boolean;
  /**
   * Bank account numbers in full (`--unmasked-accounts`, finance's own use);
   * otherwise their last four digits only (issue #14).
   */
  unmaskedAccounts?: boolean;
  /** Who asked (the role and actor id of the token that allowed `unmasked`), for the manifest. */
  role?: string;
  actor?: string;
  /** Stop after this position (the head when the export started). */
  upToPosition?: number;
  policies?: PolicyTable;
  exportedAt: string;
  onProgress?: (events: number, position: number) => void;
  /** CSV header language; Chinese unless asked (Excel/WPS users read it). */
  headers?: HeaderLanguage;
  /** One enterprise's history only (its streams, statements and the persons it claimed). */
  enterpriseId?: string;
}

export interface LedgerExportResult {
  events: number;
  exported: { events: number; enterpriseStatements: number; personCapStatements: number };
  files: WrittenFile[];
  manifest: string;
}

export const EVENT_COLUMNS = [
  'position',
  'stream',
  'revision',
  'type',
  'schemaVersion',
  'businessDate',
  'recordedAt',
  'actor',
  'role',
  'policyVersion',
  'hash',
  'prevHash',
  'data',
] as const;

const FIGURES = ['approvedFen', 'disbursedFen', 'clawbackDueFen', 'recoveredFen'] as const;
type Figure = (typeof FIGURES)[number];
const FIGURE_OF_KIND: Record<string, Figure> = {
  approved: 'approvedFen',
  disbursed: 'disbursedFen',
  clawbackDue: 'clawbackDueFen',
  recovered: 'recoveredFen',
};
const cap = (s: string) => `${s[0].toUpperCase()}${s.slice(1)}`;

export const ENTERPRISE_STATEMENT_COLUMNS = [
  'enterpriseId',
  'enterpriseName',
  'programme',
  'from',
  'to',
  ...FIGURES.map((f) => `opening${cap(f)}`),
  ...FIGURES.map((f) => `period${cap(f)}`),
  ...FIGURES.map((f) => `closing${cap(f)}`),
];

export const PERSON_CAP_STATEMENT_COLUMNS = [
  'personKey',
  'personId',
  'from',
  'to',
  'capFen',
  'openingUsedFen',
  'periodUsedFen',
  'closingUsedFen',
  'remainingFen',
  'byEnterprise',
];

type Figures = Record<Figure, number>;
const zero = (): Figures => ({
  approvedFen: 0,
  disbursedFen: 0,
  clawbackDueFen: 0,
  recoveredFen: 0,
});

interface EnterpriseStatement {
  opening: Figures;
  period: Figures;
}

interface PersonStatement {
  personIdMasked?: string;
  personId?: string;
  openingFen: number;
  periodFen: number;
  /** enterprise → used at the end of the period */
  byEnterprise: Map<string, number>;
}

/**
 * `ledger export` (ADR 0007): one streaming pass over the log writes the
 * events whose business date falls in the period, and at the end one
 * statement per enterprise and programme (opening, movements in the period,
 * closing; the same journal rows the balance endpoint sums) and one per
 * person (R-SEAT-5 cap usage), as CSV and/or JSON Lines, with a manifest
 * holding each file's row count and SHA-256. ID numbers are masked unless
 * `unmasked`. Memory: a page of events plus a few numbers per enterprise and
 * per person.
 */
export async function exportLedger(options: LedgerExportOptions): Promise<LedgerExportResult> {
  fs.mkdirSync(options.outDir, { recursive: true, mode: 0o700 });
  const writers = (name: string, columns: readonly string[]): RowWriter[] =>
    options.formats.map((format) => {
      const file = path.join(options.outDir, `${name}.${format}`);
      return format === 'xlsx'
        ? new XlsxRecordWriter(file, columns, options.headers)
        : new RecordWriter(file, format, columns, options.headers);
    });
  const eventWriters = writers('events', EVENT_COLUMNS);
  const enterprises = new Map<string, EnterpriseStatement>();
  const enterpriseNames = new Map<string, string>();
  const persons = new Map<string, PersonStatement>();
  const { from, to } = options;
  const ofEnterprise = enterpriseFilter(options.enterpriseId);
  const upTo = options.upToPosition ?? Number.MAX_SAFE_INTEGER;
  let after = 0;
  let events = 0;
  let exportedEvents = 0;
  const files: WrittenFile[] = [];
  try {
    for (;;) {
      const raw = await options.readPage(after, VERIFY_LIMITS.pageSizeDefault);
      const page = raw.filter((e) => e.position <= upTo);
      if (page.length === 0) break;
      for (const stored of page) {
        const event = upcastRecorded(stored);
        const businessDate = event.metadata.businessDate;
        if (businessDate >= from && businessDate <= to && ofEnterprise(event)) {
          const record = eventRecord(event, options.unmasked, options.unmaskedAccounts === true);
          for (const w of eventWriters) await w.write(record);
          exportedEvents += 1;
        }
        collectNames(event, enterpriseNames, persons, options.unmasked);
        collectBalances(event, enterprises, from, to);
        collectCaps(event, persons, from, to);
      }
      events += page.length;
      after = page[page.length - 1].position;
      options.onProgress?.(events, after);
      if (page.length < raw.length || after >= upTo) break;
    }
    for (const w of eventWriters) files.push(await w.close());
    eventWriters.length = 0;

    const enterpriseWriters = writers('enterprise-statements', ENTERPRISE_STATEMENT_COLUMNS);
    let enterpriseRows = 0;
    for (const key of [...enterprises.keys()].sort()) {
      const [enterpriseId, programme] = key.split('\u0000');
      if (options.enterpriseId !== undefined && enterpriseId !== options.enterpriseId) continue;
      const s = enterprises.get(key)!;
      const row: Record<string, unknown> = {
        enterpriseId,
        enterpriseName: enterpriseNames.get(enterpriseId) ?? '',
        programme,
        from,
        to,
      };
      for (const f of FIGURES) {
        row[`opening${cap(f)}`] = s.opening[f];
        row[`period${cap(f)}`] = s.period[f];
        row[`closing${cap(f)}`] = s.opening[f] + s.period[f];
      }
      for (const w of enterpriseWriters) await w.write(row);
      enterpriseRows += 1;
    }
    for (const w of enterpriseWriters) files.push(await w.close());

    const capFen = (options.policies ?? DEFAULT_POLICY_TABLE).inForceOn(to).seat.personCapFen;
    const personWriters = writers('person-cap-statements', PERSON_CAP_STATEMENT_COLUMNS);
    let personRows = 0;
    for (const personKey of [...persons.keys()].sort()) {
      const p = persons.get(personKey)!;
      if (p.openingFen === 0 && p.periodFen === 0 && p.byEnterprise.size === 0) continue;
      // A person is in an enterprise's export when it holds some of their cap.
      if (options.enterpriseId !== undefined && !p.byEnterprise.get(options.enterpriseId)) continue;
      const closing = p.openingFen + p.periodFen;
      const row = {
        personKey,
        personId: options.unmasked
          ? (p.personId ?? p.personIdMasked ?? '')
          : (p.personIdMasked ?? ''),
        from,
        to,
        capFen,
        openingUsedFen: p.openingFen,
        periodUsedFen: p.periodFen,
        closingUsedFen: closing,
        remainingFen: Math.max(0, capFen - closing),
        byEnterprise: [...p.byEnterprise.entries()]
          .filter(([, usedFen]) => usedFen !== 0)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([enterpriseId, usedFen]) => ({ enterpriseId, usedFen })),
      };
      for (const w of personWriters) await w.write(row);
      personRows += 1;
    }
    for (const w of personWriters) files.push(await w.close());

    const manifest = path.join(options.outDir, 'export-manifest.json');
    fs.writeFileSync(
      manifest,
      `${JSON.stringify(
        {
          from,
          to,
          exportedAt: options.exportedAt,
          role: options.role ?? null,
          actor: options.actor ?? null,
          enterpriseId: options.enterpriseId ?? null,
          idNumbers: options.unmasked ? 'full' : 'masked',
          accountNumbers: options.unmaskedAccounts === true ? 'full' : 'last four digits',
          eventsRead: events,
          lastPosition: after,
          files: files.map((f) => ({ ...f, file: path.basename(f.file) })),
        },
        null,
        2,
      )}\n`,
      { mode: 0o600 },
    );
    return {
      events,
      exported: {
        events: exportedEvents,
        enterpriseStatements: enterpriseRows,
        personCapStatements: personRows,
      },
      files,
      manifest,
    };
  } finally {
    // A failure half-way leaves no stream open.
    for (const w of eventWriters) await w.close().catch(() => undefined);
  }
}

/**
 * Whether an event belongs to the enterprise: it names the enterprise, or it
 * is on a stream an event naming the enterprise opened (later events of an
 * application do not repeat the enterprise). Streams are a few per
 * application, so the set stays small.
 */
function enterpriseFilter(enterpriseId: string | undefined): (event: RecordedEvent) => boolean {
  if (enterpriseId === undefined) return () => true;
  const streams = new Set<string>();
  return (event) => {
    if (streams.has(event.stream)) return true;
    if (event.data['enterpriseId'] !== enterpriseId) return false;
    streams.add(event.stream);
    return true;
  };
}

function eventRecord(
  event: RecordedEvent,
  unmasked: boolean,
  unmaskedAccounts: boolean,
): Record<string, unknown> {
  const m = event.metadata;
  const data = unmasked ? event.data : maskResidentIds(event.data);
  return {
    position: event.position,
    stream: event.stream,
    revision: event.revision,
    type: event.type,
    schemaVersion: m.schemaVersion ?? 1,
    businessDate: m.businessDate,
    recordedAt: m.recordedAt,
    // A login may be an ID number (common in government systems).
    actor: unmasked ? m.actor : maskIdNumbersInText(m.actor),
    role: m.role,
    policyVersion: m.policyVersion ?? null,
    hash: m.hash ?? null,
    prevHash: m.prevHash ?? null,
    data: unmaskedAccounts ? data : maskAccountNumbers(data),
  };
}

function collectNames(
  event: RecordedEvent,
  names: Map<string, string>,
  persons: Map<string, PersonStatement>,
  unmasked: boolean,
): void {
  const d = event.data;
  if (event.type === 'EnterpriseRegistered' && typeof d['enterpriseId'] === 'string') {
    names.set(d['enterpriseId'], String(d['name'] ?? ''));
  } else if (event.type === 'PersonMonthsClaimed' || event.type === 'DuplicateClaimRefused') {
    const p = person(persons, String(d['personKey']));
    if (typeof d['personIdMasked'] === 'string') p.personIdMasked = d['personIdMasked'];
  } else if (unmasked && event.type === 'SeatApplicationSubmitted' && Array.isArray(d['claims'])) {
    for (const c of d['claims'] as Record<string, unknown>[]) {
      if (typeof c['personKey'] !== 'string' || typeof c['personId'] !== 'string') continue;
      const p = person(persons, c['personKey']);
      p.personId = c['personId'];
      if (typeof c['personIdMasked'] === 'string') p.personIdMasked ??= c['personIdMasked'];
    }
  }
}

function person(persons: Map<string, PersonStatement>, key: string): PersonStatement {
  let p = persons.get(key);
  if (!p) {
    p = { openingFen: 0, periodFen: 0, byEnterprise: new Map() };
    persons.set(key, p);
  }
  return p;
}

function collectBalances(
  event: RecordedEvent,
  enterprises: Map<string, EnterpriseStatement>,
  from: string,
  to: string,
): void {
  for (const op of enterpriseBalanceProjection.project(event)) {
    const row = op.row as BalanceEntry;
    if (row.businessDate > to) continue;
    const figure = FIGURE_OF_KIND[row.kind];
    if (!figure) continue;
    const key = `${row.enterpriseId}\u0000${row.programme}`;
    let s = enterprises.get(key);
    if (!s) {
      s = { opening: zero(), period: zero() };
      enterprises.set(key, s);
    }
    (row.businessDate < from ? s.opening : s.period)[figure] += row.amountFen;
  }
}

function collectCaps(
  event: RecordedEvent,
  persons: Map<string, PersonStatement>,
  from: string,
  to: string,
): void {
  for (const op of personCapProjection.project(event)) {
    const row = op.row as PersonCapEntry;
    if (row.businessDate > to) continue;
    const p = person(persons, row.personKey);
    if (row.businessDate < from) p.openingFen += row.amountFen;
    else p.periodFen += row.amountFen;
    p.byEnterprise.set(
      row.enterpriseId,
      (p.byEnterprise.get(row.enterpriseId) ?? 0) + row.amountFen,
    );
  }
}
