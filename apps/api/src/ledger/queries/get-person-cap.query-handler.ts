import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PersonRef } from '../infrastructure/person-key.service';
import { LedgerQueries } from './ledger-queries';

export class GetPersonCapQuery {
  constructor(
    readonly person: PersonRef,
    readonly today: string,
    readonly minPosition?: number,
  ) {}
}

/** R-SEAT-5: what one person's cap holds, across every employer that ever claimed the person. */
@QueryHandler(GetPersonCapQuery)
export class GetPersonCapQueryHandler implements IQueryHandler<GetPersonCapQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetPersonCapQuery): Promise<object> {
    await this.queries.fresh(q.minPosition);
    const usage = await this.queries.readModels.personCap(q.person.personKey);
    const capFen = this.queries.policies.inForceOn(q.today).seat.personCapFen;
    return {
      personIdMasked: q.person.personIdMasked,
      capFen,
      usedFen: usage.usedFen,
      remainingFen: Math.max(0, capFen - usage.usedFen),
      byEnterprise: usage.byEnterprise,
    };
  }
}
