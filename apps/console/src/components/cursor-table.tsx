import { ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useState } from 'react';
import { ApiError, get, Page } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ErrorNotice, useLoad } from './ui';

const PAGE = 50;
/**
 * The rows of a page not (yet) come: one array for good. TanStack Table resets
 * its page index whenever its data is a new array, and that reset re-renders
 * the table: a fresh `[]` each render spun the browser while a page loaded,
 * and without end after an error (test/console/work-list-idle.e2e.spec.ts).
 */
const NO_ROWS: never[] = [];

/**
 * One page of a work list at a time, through the API's cursor (API.md "Work
 * lists"): a list of 10,000 rows costs the browser 50 rows, whatever its length.
 */
export function CursorTable<T>(props: {
  path: string;
  columns: ColumnDef<T, unknown>[];
  /** The table's name: its caption, or (`labelledBy`) the heading that already says it. */
  caption: string;
  labelledBy?: string;
  onPick?: (row: T) => void;
  reloadKey?: number;
}) {
  const { t } = useI18n();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const sep = props.path.includes('?') ? '&' : '?';
  const url = `${props.path}${sep}limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  const page = useLoad<Page<T>>(`${url}#${props.reloadKey ?? 0}`, () => get<Page<T>>(url));
  const table = useReactTable({
    data: page.data?.items ?? NO_ROWS,
    columns: props.columns,
    getCoreRowModel: getCoreRowModel(),
  });
  if (page.error instanceof ApiError && page.error.status === 404)
    return <p className="muted">{t('app.listMissing')}</p>;
  return (
    <div className="list">
      <ErrorNotice error={page.error} />
      <table aria-labelledby={props.labelledBy}>
        {!props.labelledBy && <caption>{props.caption}</caption>}
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => (
                <th key={h.id} scope="col" className={h.id.endsWith('Fen') ? 'money' : undefined}>
                  {flexRender(h.column.columnDef.header, h.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              className={props.onPick ? 'pickable' : undefined}
              onClick={props.onPick ? () => props.onPick?.(row.original) : undefined}
            >
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={cell.column.id.endsWith('Fen') ? 'money' : undefined}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {page.loading && <p className="muted">{t('app.loading')}</p>}
      {!page.loading && page.data?.items.length === 0 && <p className="muted">{t('app.none')}</p>}
      <div className="pager">
        <button type="button" disabled={cursors.length === 1} onClick={() => setCursors([null])}>
          {t('app.first')}
        </button>
        <button
          type="button"
          disabled={!page.data?.nextCursor}
          onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}
        >
          {t('app.next')}
        </button>
      </div>
    </div>
  );
}
