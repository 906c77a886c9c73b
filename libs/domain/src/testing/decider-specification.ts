/// <reference types="jest" />
// The reference keeps `nest build` (tsconfig.build.json, types: node) compiling
// this file, which lives under src/ but is used only by the unit tests.
import { LedgerError, LedgerErrorKind } from '../shared/ledger-error';

/**
 * A tiny given/when/then for deciders, in the spirit of Emmett's
 * `DeciderSpecification`:
 *
 *   spec({ initial: initialPersonState, evolve: evolvePerson })
 *     .given([claimed])
 *     .when((state) => decideClaimMonths(state, cmd))
 *     .then([refused]);
 *
 * `given` events are folded from a fresh `initial()` state (states hold Maps
 * and are mutated by `evolve`), and only when an assertion runs, so a failing
 * fold is reported by the test that needed it.
 */
export interface Decider<State, Event> {
  initial: () => State;
  evolve: (state: State, event: Event) => State;
}

/** What a refusal must look like: a `LedgerError` with this kind, rule and message. */
export interface ErrorExpectation {
  kind?: LedgerErrorKind;
  /** A rule id from RULES.md; `null` asserts that the error names no rule. */
  rule?: string | null;
  message?: string | RegExp;
  details?: Record<string, unknown>;
}

export interface Then<Event> {
  /** The decision is exactly these events (`toEqual`). */
  then(expected: readonly Event[]): void;
  /** The decision throws a `LedgerError` matching `expected` (and so writes nothing). */
  thenThrows(expected?: ErrorExpectation): LedgerError;
  /** The decision writes nothing (an idempotent repeat, a no-op). */
  thenNothing(): void;
}

export interface When<State, Event> {
  when(decide: (state: State) => readonly Event[]): Then<Event>;
}

export interface Given<State, Event> {
  given(events: readonly Event[]): When<State, Event>;
}

export function spec<State, Event>(decider: Decider<State, Event>): Given<State, Event> {
  return {
    given: (events) => ({
      when: (decide) => {
        const run = (): readonly Event[] =>
          decide(events.reduce(decider.evolve, decider.initial()));
        return {
          then(expected) {
            expect(run()).toEqual(expected);
          },
          thenNothing() {
            expect(run()).toEqual([]);
          },
          thenThrows(expected = {}) {
            let written: readonly Event[] | undefined;
            let thrown: unknown;
            try {
              written = run();
            } catch (e) {
              thrown = e;
            }
            if (written !== undefined) {
              throw new Error(
                `expected the decision to throw, but it wrote ${JSON.stringify(written)}`,
              );
            }
            expect(thrown).toBeInstanceOf(LedgerError);
            const error = thrown as LedgerError;
            const { kind, rule, message, details } = expected;
            if (kind !== undefined) expect({ kind: error.kind }).toEqual({ kind });
            if (rule !== undefined) expect({ rule: error.rule ?? null }).toEqual({ rule });
            if (message !== undefined) expect(error.message).toMatch(message);
            if (details !== undefined) expect(error.details).toMatchObject(details);
            return error;
          },
        };
      },
    }),
  };
}
