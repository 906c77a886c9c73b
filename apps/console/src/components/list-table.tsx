import { HTMLAttributes, ReactNode } from 'react';

/** One column of a `ListTable`: its heading and what each row shows in it. */
export interface ListColumn<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** An amount: heading and cells right-aligned as the stylesheet's `.money`. */
  money?: boolean;
  /** The cells' own class (beside `money`), for tests and styles that look for that column. */
  className?: string;
}

const classes = (...names: (string | false | undefined)[]): string | undefined =>
  names.filter(Boolean).join(' ') || undefined;

/**
 * A whole answer shown as a captioned table (not a cursor-paged work list: that
 * is `CursorTable`). `rowProps` adds a row's data attributes; `children` adds
 * rows after the listed ones (a totals row).
 */
export function ListTable<T>(props: {
  caption: ReactNode;
  className?: string;
  columns: ListColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  children?: ReactNode;
}) {
  return (
    <table className={props.className}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c, i) => (
            <th key={i} scope="col" className={classes(c.money && 'money')}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={props.rowKey(row)} {...props.rowProps?.(row)}>
            {props.columns.map((c, i) => (
              <td key={i} className={classes(c.money && 'money', c.className)}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
        {props.children}
      </tbody>
    </table>
  );
}
