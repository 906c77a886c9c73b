import { AuditProblem, ProblemLog } from './audit-problem';

const problems: AuditProblem[] = [
  { position: 7, check: 'read-model', message: 'audit_event_index: a row of position 7 …' },
  { position: 7, check: 'order', message: 'the event at position 7 is missing' },
  { position: 9, check: 'invariant', rule: 'MONEY', message: 'amountFen is not an integer' },
  { position: 9, check: 'invariant', rule: 'R-SEAT-5', message: 'over the cap' },
  { position: 9, check: 'hash', message: 'the content no longer matches its hash' },
  { position: 2, check: 'read-model', message: 'open_process …: missing' },
];

function logOf(order: readonly AuditProblem[], max: number): ProblemLog {
  const log = new ProblemLog(max);
  for (const p of order) log.add(p);
  return log;
}

describe('ProblemLog', () => {
  it('given the same problems found in any order, when fewer are kept than found, then the kept and listed ones are the same, the first by position, check, rule and message', () => {
    const orders = [problems, [...problems].reverse(), [3, 0, 5, 1, 4, 2].map((i) => problems[i])];
    for (const max of [1, 2, 3, 4, 6]) {
      const lists = orders.map((o) => logOf(o, max).list());
      expect(lists[1]).toEqual(lists[0]);
      expect(lists[2]).toEqual(lists[0]);
      expect(logOf(orders[0], max).count).toBe(problems.length);
    }
    expect(
      logOf(problems, 3)
        .list()
        .map((p) => `${p.position} ${p.check}`),
    ).toEqual(['2 read-model', '7 order', '7 read-model']);
    expect(
      logOf(problems, 6)
        .list()
        .slice(3)
        .map((p) => p.rule ?? p.check),
    ).toEqual(['hash', 'MONEY', 'R-SEAT-5']);
  });

  it('given a log absorbed by another, when the two found problems in different orders, then the list is the one a single log makes', () => {
    const single = logOf(problems, 2);
    const thread = logOf(problems.slice(0, 3), 2);
    const main = logOf(problems.slice(3), 2);
    main.absorb(thread.summary());
    expect(main.list()).toEqual(single.list());
    expect(main.count).toBe(single.count);
    expect(main.countOf('invariant')).toBe(2);
  });
});
