import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { invalidInput } from '@ledger/domain';
import { PersonRef } from '../../ledger-core/person-key.service';
import { parseInstant } from './get-enterprise-balance.query-handler';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class GetPersonCapQuery {
  constructor(
    readonly person: PersonRef,
    readonly today: string,
    readonly minPosition?: number,
    /** Business date: only movements on or before it (default: all). */
    readonly asOf?: string,
    /** Recorded time: what the ledger knew then (default: now). */
    readonly asKnownAt?: string,
  ) {}
}

/** R-SEAT-5: what one person's cap holds, across every employer that ever claimed the person. */
@QueryHandler(GetPersonCapQuery)
export class GetPersonCapQueryHandler implements IQueryHandler<GetPersonCapQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetPersonCapQuery): Promise<object> {
    let asKnownAt: string | undefined;
    if (q.asKnownAt !== undefined) {
      asKnownAt = parseInstant(q.asKnownAt);
      if (!asKnownAt)
        throw invalidInput('asKnownAt', 'must be an ISO-8601 time such as 2023-06-01T12:00:00Z');
    }
    await this.queries.fresh(q.minPosition);
    const usage = await this.queries.readModels.personCap(q.person.personKey, q.asOf, asKnownAt);
    const capFen = this.queries.policies.inForceOn(q.asOf ?? q.today).seat.personCapFen;
    return {
      personIdMasked: q.person.personIdMasked,
      // Echoed only when asked, so the plain answer keeps the shape of API.md.
      ...(q.asOf ? { asOf: q.asOf } : {}),
      ...(asKnownAt ? { asKnownAt } : {}),
      capFen,
      usedFen: usage.usedFen,
      remainingFen: Math.max(0, capFen - usage.usedFen),
      byEnterprise: usage.byEnterprise,
    };
  }
}
