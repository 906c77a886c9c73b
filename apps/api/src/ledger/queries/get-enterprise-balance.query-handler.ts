import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { invalidInput } from '@ledger/domain';
import { Actor } from '../../platform/auth/actor';
import { LedgerQueries } from './ledger-queries';

export class GetEnterpriseBalanceQuery {
  constructor(
    readonly actor: Actor,
    readonly enterpriseId: string,
    readonly asOf: string,
    readonly asKnownAt: string | undefined,
    readonly minPosition?: number,
  ) {}
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Balances per programme as of a business date, and as the ledger knew them at a recorded time. */
@QueryHandler(GetEnterpriseBalanceQuery)
export class GetEnterpriseBalanceQueryHandler implements IQueryHandler<GetEnterpriseBalanceQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetEnterpriseBalanceQuery): Promise<object> {
    this.queries.ownEnterprise(q.actor, q.enterpriseId);
    let asKnownAt: string | undefined;
    if (q.asKnownAt !== undefined) {
      const t = Date.parse(q.asKnownAt);
      if (!ISO_INSTANT.test(q.asKnownAt) || Number.isNaN(t)) {
        throw invalidInput('asKnownAt', 'must be an ISO-8601 time such as 2023-06-01T12:00:00Z');
      }
      asKnownAt = new Date(t).toISOString();
    }
    await this.queries.fresh(q.minPosition);
    await this.queries.requireEnterprise(q.enterpriseId);
    const balance = await this.queries.readModels.enterpriseBalance(
      q.enterpriseId,
      q.asOf,
      asKnownAt,
    );
    return {
      enterpriseId: q.enterpriseId,
      asOf: q.asOf,
      ...(asKnownAt ? { asKnownAt } : {}),
      ...balance,
    };
  }
}
