/**
 * One thing verification found wrong, at a global position. `check` says which
 * part of verification found it; `rule` names the RULES.md rule an invariant
 * found broken (R-SEAT-5, R-PUB, …).
 */
export interface AuditProblem {
  position: number;
  check: AuditCheck;
  rule?: string;
  stream?: string;
  type?: string;
  message: string;
}

export type AuditCheck =
  | 'hash' // an event's content no longer matches its stored hash
  | 'chain' // a stream's revisions or prevHash links do not follow on
  | 'order' // global positions go backwards, or (SQLite) have a gap
  | 'unhashed' // an event without a hash after the log became hash-chained
  | 'invariant' // a rule of RULES.md does not hold over the history
  | 'read-model' // the live read models differ from a replay of the events
  | 'store' // the store's own guard (SQLite: the no-delete trigger) is missing or changed
  | 'anchor' // the log is shorter than, or differs from, the head recorded outside it (issue #12)
  | 'checkpoint'; // the log does not extend a signed checkpoint

/**
 * The order problems are listed and kept in: by position, then check, rule,
 * message, stream and type, so the problems kept do not depend on the order
 * they were found in (two threads find them in another order than one).
 */
function compareProblems(a: AuditProblem, b: AuditProblem): number {
  return (
    a.position - b.position ||
    compareText(a.check, b.check) ||
    compareText(a.rule ?? '', b.rule ?? '') ||
    compareText(a.message, b.message) ||
    compareText(a.stream ?? '', b.stream ?? '') ||
    compareText(a.type ?? '', b.type ?? '')
  );
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Keeps the first `max` problems in `compareProblems` order (memory stays
 * bounded however many there are) and counts them all.
 */
export class ProblemLog {
  private readonly kept: AuditProblem[] = [];
  private total = 0;
  private readonly byCheck = new Map<AuditCheck, number>();

  constructor(readonly max = 100) {}

  add(problem: AuditProblem): void {
    this.total += 1;
    this.byCheck.set(problem.check, (this.byCheck.get(problem.check) ?? 0) + 1);
    if (this.kept.length < this.max) {
      this.kept.push(problem);
      return;
    }
    // Keep the first ones: a later check (the read models) may find an earlier one.
    let worst = 0;
    for (let i = 1; i < this.kept.length; i++) {
      if (compareProblems(this.kept[i], this.kept[worst]) > 0) worst = i;
    }
    if (compareProblems(problem, this.kept[worst]) < 0) this.kept[worst] = problem;
  }

  addAll(problems: Iterable<AuditProblem>): void {
    for (const p of problems) this.add(p);
  }

  get count(): number {
    return this.total;
  }

  countOf(...checks: AuditCheck[]): number {
    return checks.reduce((sum, c) => sum + (this.byCheck.get(c) ?? 0), 0);
  }

  /** Sorted by position, then by check (`compareProblems`). */
  list(): AuditProblem[] {
    return [...this.kept].sort(compareProblems);
  }

  /** What another log holds, to be sent to another thread and `absorb`ed there. */
  summary(): ProblemSummary {
    return { kept: [...this.kept], total: this.total, byCheck: [...this.byCheck] };
  }

  /** Adds another log's problems (its kept ones) and its counts (all of them). */
  absorb(other: ProblemSummary): void {
    for (const p of other.kept) this.add(p);
    this.total += other.total - other.kept.length;
    const keptByCheck = new Map<AuditCheck, number>();
    for (const p of other.kept) keptByCheck.set(p.check, (keptByCheck.get(p.check) ?? 0) + 1);
    for (const [check, n] of other.byCheck) {
      const rest = n - (keptByCheck.get(check) ?? 0);
      this.byCheck.set(check, (this.byCheck.get(check) ?? 0) + rest);
    }
  }

  firstPosition(): number | undefined {
    return this.kept.reduce<number | undefined>(
      (min, p) => (min === undefined || p.position < min ? p.position : min),
      undefined,
    );
  }
}

/** A `ProblemLog` as plain data (structured-clone safe). */
export interface ProblemSummary {
  kept: AuditProblem[];
  total: number;
  byCheck: [AuditCheck, number][];
}
