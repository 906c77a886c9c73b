/**
 * Given/when/then for read models, in the manner of Emmett's
 * DeciderSpecification: the given events are folded through the pure
 * projection into an in-memory store, then the operations of the `when`
 * event are asserted, or the document they leave behind.
 */
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import {
  documentOperations,
  DocumentProjection,
  JournalProjection,
  ReadModelOperation,
} from '../read-model';

export interface Then<D> {
  then(expected: ReadModelOperation[]): void;
  thenDocument(id: string, expected: D | undefined): void;
  operations(): ReadModelOperation[];
}

export function documentSpecification<D extends object>(projection: DocumentProjection<D>) {
  return {
    given(...given: RecordedEvent[]) {
      return {
        when(event: RecordedEvent): Then<D> {
          const docs = new Map<string, D>();
          const apply = (ops: ReadModelOperation[]) => {
            for (const op of ops) {
              if (op.kind === 'put') docs.set(op.id, op.doc as D);
              else if (op.kind === 'delete') docs.delete(op.id);
              else
                throw new Error(`a document projection wrote a journal row: ${JSON.stringify(op)}`);
            }
          };
          for (const e of given) apply(documentOperations(projection, e, (id) => docs.get(id)));
          const before = JSON.stringify([...docs]);
          const ops = documentOperations(projection, event, (id) => docs.get(id));
          // Pure: working out the operations did not touch the documents it was shown.
          expect(JSON.stringify([...docs])).toBe(before);
          return {
            then: (expected) => expect(ops).toEqual(expected),
            thenDocument: (id, expected) => {
              apply(ops);
              expect(docs.get(id)).toEqual(expected);
            },
            operations: () => ops,
          };
        },
      };
    },
  };
}

export function journalSpecification<R extends object>(projection: JournalProjection<R>) {
  return {
    when(event: RecordedEvent) {
      const ops = projection.project(event);
      return {
        then: (expected: ReadModelOperation[]) => expect(ops).toEqual(expected),
        thenRows: (expected: R[]) => {
          expect(
            ops.every((op) => op.kind === 'journal' && op.journal === projection.journal),
          ).toBe(true);
          expect(ops.map((op) => op.row)).toEqual(expected);
        },
      };
    },
  };
}
