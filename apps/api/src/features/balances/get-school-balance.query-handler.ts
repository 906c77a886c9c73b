import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { invalidInput } from '@ledger/domain';
import { Actor } from '../../platform/auth/actor';
import { assertOwnSchool } from '../../platform/auth/ownership';
import { parseInstant } from './get-enterprise-balance.query-handler';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class GetSchoolBalanceQuery {
  constructor(
    readonly actor: Actor,
    readonly schoolId: string,
    readonly asOf: string,
    readonly asKnownAt: string | undefined,
    readonly minPosition?: number,
  ) {}
}

/** R-INT: a school's internship rewards approved and paid, as of a date and as known at a time. */
@QueryHandler(GetSchoolBalanceQuery)
export class GetSchoolBalanceQueryHandler implements IQueryHandler<GetSchoolBalanceQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetSchoolBalanceQuery): Promise<object> {
    assertOwnSchool(q.actor, q.schoolId);
    let asKnownAt: string | undefined;
    if (q.asKnownAt !== undefined) {
      asKnownAt = parseInstant(q.asKnownAt);
      if (!asKnownAt)
        throw invalidInput('asKnownAt', 'must be an ISO-8601 time such as 2023-06-01T12:00:00Z');
    }
    await this.queries.fresh(q.minPosition);
    await this.queries.requireSchool(q.schoolId);
    const balance = await this.queries.readModels.schoolBalance(q.schoolId, q.asOf, asKnownAt);
    return {
      schoolId: q.schoolId,
      asOf: q.asOf,
      ...(asKnownAt ? { asKnownAt } : {}),
      ...balance,
    };
  }
}
