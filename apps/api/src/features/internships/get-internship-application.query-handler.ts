import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { notFound } from '@ledger/domain';
import { Actor } from '../../platform/auth/actor';
import { assertOwnSchool } from '../../platform/auth/ownership';
import { FULL_ID_ROLES, LedgerQueries } from '../../ledger-core/ledger-queries';

export class GetInternshipApplicationQuery {
  constructor(
    readonly actor: Actor,
    readonly applicationId: string,
    readonly minPosition?: number,
  ) {}
}

/** An internship application (R-INT); full ID numbers for reviewers and supervisors only. */
@QueryHandler(GetInternshipApplicationQuery)
export class GetInternshipApplicationQueryHandler implements IQueryHandler<GetInternshipApplicationQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetInternshipApplicationQuery): Promise<object> {
    await this.queries.fresh(q.minPosition);
    const view = await this.queries.readModels.internshipApplication(q.applicationId);
    if (!view) throw notFound(`internship application ${q.applicationId}`);
    assertOwnSchool(q.actor, view.schoolId);
    const { lastPosition: _lastPosition, ...application } = view;
    if (FULL_ID_ROLES.has(q.actor.role)) return application;
    return {
      ...application,
      interns: application.interns.map(({ personId: _personId, ...rest }) => rest),
    };
  }
}
