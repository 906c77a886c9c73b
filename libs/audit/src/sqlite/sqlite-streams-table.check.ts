import Database from 'better-sqlite3';
import { AuditProblem, ProblemLog } from '../audit-problem';

/**
 * The SQLite store's own bookkeeping: `streams` must hold each stream's last
 * revision. An event inserted behind the store's back (a raw INSERT) or a
 * removed last event leaves them disagreeing.
 */
export function checkSqliteStreamsTable(
  db: Database.Database,
  problems: ProblemLog,
  max = 100,
): number {
  const rows = db
    .prepare(
      `SELECT g.stream AS stream, g.revision AS eventsRevision, g.position AS position, s.revision AS streamsRevision
         FROM (SELECT stream, MAX(revision) AS revision, MAX(position) AS position FROM events GROUP BY stream) g
         LEFT JOIN streams s ON s.stream = g.stream
        WHERE s.revision IS NULL OR s.revision <> g.revision
       UNION ALL
       SELECT s.stream, NULL, NULL, s.revision FROM streams s
        WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = s.stream)
       LIMIT ?`,
    )
    .all(max) as {
    stream: string;
    eventsRevision: number | null;
    position: number | null;
    streamsRevision: number | null;
  }[];
  for (const r of rows) {
    const problem: AuditProblem = {
      position: r.position ?? 1,
      check: 'store',
      stream: r.stream,
      message:
        r.eventsRevision === null
          ? `the store says stream ${r.stream} is at revision ${r.streamsRevision}, but it has no events`
          : `the last event of stream ${r.stream} has revision ${r.eventsRevision}, but the store says ${r.streamsRevision ?? 'no revision'}: an event was written or removed behind the store's back`,
    };
    problems.add(problem);
  }
  return rows.length;
}
