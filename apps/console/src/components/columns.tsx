import { ColumnDef } from '@tanstack/react-table';
import { formatYuan } from '../format/money';
import { programmeText, statusText, translate, useI18n } from '../i18n/i18n';

type Row = Record<string, unknown>;

type Coded = 'status' | 'programme' | 'kind';

function StatusText({ value, kind }: { value: string; kind: Coded }) {
  const { lang } = useI18n();
  if (kind === 'kind') return <>{translate(lang, `siteKind.${value}`)}</>;
  return <>{kind === 'status' ? statusText(lang, value) : programmeText(lang, value)}</>;
}

/** `payee.name` → row.payee.name. */
const pick = (row: Row, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      row,
    );

/**
 * A column showing `key` (a dotted path for nested fields) as text, as yuan when
 * the field is an amount in fen, and in the reader's language when it is a status.
 */
export function col(key: string, header: string): ColumnDef<Row, unknown> {
  return {
    id: key,
    header,
    accessorFn: (r) => pick(r, key),
    cell: (c) => {
      const v = c.getValue();
      if (key.endsWith('Fen')) return <span className="money">{formatYuan(v as number)}</span>;
      if ((key === 'status' || key === 'programme' || key === 'kind') && typeof v === 'string')
        return <StatusText value={v} kind={key} />;
      if (Array.isArray(v)) return v.join(', ');
      if (typeof v === 'boolean') return v ? '✓' : '';
      return v === undefined || v === null ? '' : String(v);
    },
  };
}

export type { Row };
