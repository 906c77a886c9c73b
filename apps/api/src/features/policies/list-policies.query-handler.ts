import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OVERRIDABLE_PARAMETERS, PolicyVersion } from '@ledger/domain';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class ListPoliciesQuery {
  constructor(readonly inForceOn?: string) {}
}

function policyAnswer(v: PolicyVersion) {
  const { id, title, effectiveFrom, ...parameters } = v;
  return { id, ...(title === undefined ? {} : { title }), effectiveFrom, parameters };
}

/**
 * R-POL: the policy versions the ledger decides with, oldest first, each with
 * its effective date and every parameter; `inForceOn` narrows to the one in
 * force that day (422 R-POL before the first). Static data: no read model.
 */
@QueryHandler(ListPoliciesQuery)
export class ListPoliciesQueryHandler implements IQueryHandler<ListPoliciesQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: ListPoliciesQuery): Promise<object> {
    const table = this.queries.policies;
    const versions = q.inForceOn === undefined ? table.list() : [table.inForceOn(q.inForceOn)];
    return {
      policies: versions.map(policyAnswer),
      /** R-SPECIAL: what an enterprise's special terms may override, as `section.parameter`. */
      overridableBySpecialTerms: [...OVERRIDABLE_PARAMETERS],
    };
  }
}
