import { conflict, ruleViolation } from '../shared/ledger-error';
import { spec } from './decider-specification';

type CounterEvent = { type: 'Added'; data: { by: number } };
interface CounterState {
  total: number;
}

const counter = spec<CounterState, CounterEvent>({
  initial: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + event.data.by }),
});
const added = (by: number): CounterEvent => ({ type: 'Added', data: { by } });

/** Adds up to a limit of 10 (a stand-in rule R-TEST). */
function decideAdd(state: CounterState, by: number): CounterEvent[] {
  if (by === 0) return [];
  if (state.total + by > 10) throw ruleViolation('R-TEST', `${state.total} + ${by} passes 10`);
  if (by < 0) throw conflict('no taking back');
  return [added(by)];
}

describe('decider specification helper', () => {
  it('given events, when a decision is made, then it sees the folded state and then compares with toEqual', () => {
    counter
      .given([added(3), added(4)])
      .when((s) => decideAdd(s, 3))
      .then([added(3)]);
  });

  it('given events, when the decision writes something else, then `then` fails', () => {
    expect(() =>
      counter
        .given([])
        .when((s) => decideAdd(s, 1))
        .then([added(2)]),
    ).toThrow();
  });

  it('given a decision that writes nothing, when checked with thenNothing, then it passes, and fails when something is written', () => {
    counter
      .given([])
      .when((s) => decideAdd(s, 0))
      .thenNothing();
    expect(() =>
      counter
        .given([])
        .when((s) => decideAdd(s, 1))
        .thenNothing(),
    ).toThrow();
  });

  it('given a refusal, when checked with thenThrows, then kind, rule and message are checked and the error returned', () => {
    const error = counter
      .given([added(9)])
      .when((s) => decideAdd(s, 2))
      .thenThrows({ kind: 'rule', rule: 'R-TEST', message: /passes 10/ });
    expect(error.message).toBe('9 + 2 passes 10');
  });

  it('given a refusal, when thenThrows expects another kind, rule or no rule, then it fails', () => {
    const when = counter.given([added(9)]).when((s) => decideAdd(s, 2));
    expect(() => when.thenThrows({ kind: 'conflict' })).toThrow();
    expect(() => when.thenThrows({ rule: 'R-OTHER' })).toThrow();
    expect(() => when.thenThrows({ rule: null })).toThrow();
    const noRule = counter.given([]).when((s) => decideAdd(s, -1));
    noRule.thenThrows({ kind: 'conflict', rule: null });
  });

  it('given a decision that writes events, when thenThrows is expected, then it fails', () => {
    expect(() =>
      counter
        .given([])
        .when((s) => decideAdd(s, 1))
        .thenThrows(),
    ).toThrow(/expected the decision to throw/);
  });

  it('given a decision that throws something other than a LedgerError, when thenThrows is expected, then it fails', () => {
    expect(() =>
      counter
        .given([])
        .when(() => {
          throw new TypeError('boom');
        })
        .thenThrows(),
    ).toThrow();
  });

  it('given the same spec used twice, when each folds, then each starts from a fresh initial state', () => {
    const given = counter.given([added(5)]);
    given.when((s) => decideAdd(s, 5)).then([added(5)]);
    given.when((s) => decideAdd(s, 5)).then([added(5)]);
  });
});
