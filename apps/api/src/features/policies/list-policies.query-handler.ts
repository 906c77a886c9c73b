import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OVERRIDABLE_PARAMETERS, PolicyVersion } from '@ledger/domain';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class ListPoliciesQuery {
  constructor(readonly inForceOn?: string) {}
}

function policyAnswer(v: PolicyVersion) {
  const { id, title, effectiveFrom, validFrom, validTo, ...parameters } = v;
  return {
    id,
    ...(title === undefined ? {} : { title }),
    effectiveFrom,
    validFrom,
    validTo,
    parameters,
  };
}

/**
 * R-POL: the policy versions the ledger decides with, oldest first, each with
 * its effective date, its validity (`validFrom` to `validTo`) and every
 * parameter; `inForceOn` narrows to the one in force that day, within its
 * validity (422 R-POL when none is). Static data: no read model.
 */
@QueryHandler(ListPoliciesQuery)
export class ListPoliciesQueryHandler implements IQueryHandler<ListPoliciesQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: ListPoliciesQuery): Promise<object> {
    const table = this.queries.policies;
    const versions = q.inForceOn === undefined ? table.list() : [table.validOn(q.inForceOn)];
    return {
      policies: versions.map(policyAnswer),
      /** R-SPECIAL: what an enterprise's special terms may override, as `section.parameter`. */
      overridableBySpecialTerms: [...OVERRIDABLE_PARAMETERS],
    };
  }
}
