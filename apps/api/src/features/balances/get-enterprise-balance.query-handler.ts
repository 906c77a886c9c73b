import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { invalidInput, isBusinessDate } from '@ledger/domain';
import { Actor } from '../../platform/auth/actor';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class GetEnterpriseBalanceQuery {
  constructor(
    readonly actor: Actor,
    readonly enterpriseId: string,
    readonly asOf: string,
    readonly asKnownAt: string | undefined,
    readonly minPosition?: number,
  ) {}
}

const ISO_INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** Strict ISO-8601: Date.parse would quietly roll 2023-02-30 into March. */
export function parseInstant(text: string): string | undefined {
  const m = ISO_INSTANT.exec(text);
  if (!m || !isBusinessDate(m[1])) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Balances per programme as of a business date, and as the ledger knew them at a recorded time. */
@QueryHandler(GetEnterpriseBalanceQuery)
export class GetEnterpriseBalanceQueryHandler implements IQueryHandler<GetEnterpriseBalanceQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetEnterpriseBalanceQuery): Promise<object> {
    this.queries.ownEnterprise(q.actor, q.enterpriseId);
    let asKnownAt: string | undefined;
    if (q.asKnownAt !== undefined) {
      asKnownAt = parseInstant(q.asKnownAt);
      if (!asKnownAt)
        throw invalidInput('asKnownAt', 'must be an ISO-8601 time such as 2023-06-01T12:00:00Z');
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
