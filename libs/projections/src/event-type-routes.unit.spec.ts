import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { describeUndeclared, EventTypeRoutes } from './event-type-routes';
import type { DocumentProjection, JournalProjection, Projection } from './read-model';
import { metadata } from './testing/ledger-events.fixture';

const event = (position: number, type: string, data: object = {}): RecordedEvent => ({
  eventId: `event-${position}`,
  type,
  stream: 's-1',
  revision: position - 1,
  position,
  data: data as Record<string, unknown>,
  metadata: metadata('2024-01-01T00:00:00.000Z', '2024-01-01'),
});

/** Answers `CaseOpened` always and `CaseClosed` when its data says so, whatever it declares. */
const cases = (
  eventTypes: DocumentProjection<object>['eventTypes'],
): DocumentProjection<object> => ({
  kind: 'document',
  name: 'cases',
  version: 1,
  collection: 'cases',
  eventTypes,
  documentIds: (e) =>
    e.type === 'CaseOpened' || (e.type === 'CaseClosed' && e.data.listed === true) ? ['c'] : [],
  evolve: (doc) => doc ?? {},
});

const everything: JournalProjection<object> = {
  kind: 'journal',
  name: 'index',
  version: 1,
  journal: 'index',
  eventTypes: 'every',
  project: (e) => [{ kind: 'journal', journal: 'index', row: { position: e.position } }],
};

/** What the writer asks, event by event. */
function asked(routes: EventTypeRoutes, projection: Projection, page: RecordedEvent[]): number[] {
  const { probed } = routes.probe(page);
  const types = routes.typesFor(projection);
  return page.filter((e, i) => routes.asks(projection, types, e, probed[i])).map((e) => e.position);
}

describe('EventTypeRoutes', () => {
  it('given a projection that declares its types, when a page is routed, then it is asked about those types only', () => {
    const projection = cases(['CaseOpened', 'CaseClosed']);
    const routes = new EventTypeRoutes([projection]);

    const page = [event(1, 'CaseOpened'), event(2, 'EnterpriseRegistered'), event(3, 'CaseClosed')];

    expect(asked(routes, projection, page)).toEqual([1, 3]);
    expect(routes.undeclared).toEqual([]);
  });

  it("given 'every' or no declaration, when a page is routed, then the projection is asked about every event", () => {
    const undeclaring = cases(undefined);
    const routes = new EventTypeRoutes([everything, undeclaring]);
    const page = [event(1, 'CaseOpened'), event(2, 'SomeTypeOfANewerProgramme')];

    expect(routes.typesFor(everything)).toBeUndefined();
    expect(routes.typesFor(undeclaring)).toBeUndefined();
    expect(asked(routes, everything, page)).toEqual([1, 2]);
  });

  it('given a declaration that leaves out a type it reads, when its first event is probed, then it is asked from then on and listed', () => {
    const projection = cases(['CaseClosed']);
    const routes = new EventTypeRoutes([projection], 2);

    const first = asked(routes, projection, [event(1, 'CaseOpened'), event(2, 'CaseOpened')]);
    const later = asked(routes, projection, [event(3, 'CaseOpened')]);

    expect(first).toEqual([1, 2]);
    expect(later).toEqual([3]);
    expect(routes.undeclared).toEqual([{ projection: 'cases', type: 'CaseOpened', position: 1 }]);
  });

  it('given a type it does not declare and does not read, when its probes are spent, then it is never asked about it', () => {
    const projection = cases(['CaseOpened', 'CaseClosed']);
    const routes = new EventTypeRoutes([projection], 2);

    const page = [1, 2, 3, 4].map((p) => event(p, 'EnterpriseRegistered'));

    expect(asked(routes, projection, page)).toEqual([]);
    expect(routes.probe([event(5, 'EnterpriseRegistered')]).probed).toEqual([false]);
    expect(routes.undeclared).toEqual([]);
  });

  it('given a type read only for some data, when that data comes after the probes, then it is missed: why every type a projection may read must be declared', () => {
    const projection = cases(['CaseOpened']);
    const routes = new EventTypeRoutes([projection], 1);

    const page = [
      event(1, 'CaseClosed', { listed: false }),
      event(2, 'CaseClosed', { listed: true }),
    ];

    expect(asked(routes, projection, page)).toEqual([]);
    expect(routes.undeclared).toEqual([]);
  });
});

describe('describeUndeclared', () => {
  it('given projections that read undeclared types, when verification reports them, then it names each and blames the build', () => {
    const undeclared = [1, 2, 3].map((i) => ({
      projection: `p${i}`,
      type: 'CaseOpened',
      position: i,
    }));

    const note = describeUndeclared(undeclared, 2);

    expect(note).toContain('p1 reads CaseOpened (first at position 1); p2 reads CaseOpened');
    expect(note).toContain('and 1 more');
    expect(note).not.toContain('p3');
    expect(note).toContain('not of the ledger');
  });
});
