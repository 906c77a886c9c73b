import { ReactNode, useId } from 'react';
import { Row } from './columns';
import { ColumnDef } from '@tanstack/react-table';
import { CursorTable } from './cursor-table';
import { Section } from './ui';

/**
 * A page's main work list: a titled section holding one cursor-paged list
 * (API.md "Work lists") named by the section's heading, and what the page shows
 * under it (a form fed by the picked row, a detail view).
 */
export function WorkListSection(props: {
  title: string;
  path: string;
  columns: ColumnDef<Row, unknown>[];
  onPick?: (row: Row) => void;
  reloadKey?: number;
  /** Above the list: its filters. */
  filters?: ReactNode;
  children?: ReactNode;
}) {
  // The section's heading names the list: the title shows once (issue #14 point 7).
  const headingId = useId();
  return (
    <Section title={props.title} headingId={headingId}>
      {props.filters}
      <CursorTable<Row>
        caption={props.title}
        labelledBy={headingId}
        path={props.path}
        columns={props.columns}
        onPick={props.onPick}
        reloadKey={props.reloadKey}
      />
      {props.children}
    </Section>
  );
}
