import { ColumnDef } from '@tanstack/react-table';
import { formatYuan } from '../format/money';

type Row = Record<string, unknown>;

/** A column showing `key` as text, or as yuan when the field is an amount in fen. */
export function col(key: string, header: string): ColumnDef<Row, unknown> {
  return {
    id: key,
    header,
    accessorFn: (r) => r[key],
    cell: (c) => {
      const v = c.getValue();
      if (key.endsWith('Fen')) return <span className="money">{formatYuan(v as number)}</span>;
      if (Array.isArray(v)) return v.join(', ');
      return v === undefined || v === null ? '' : String(v);
    },
  };
}

export type { Row };
