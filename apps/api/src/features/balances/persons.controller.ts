import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiResidentIdParam } from '../../platform/openapi/api-fields.decorators';
import { PersonCapDto } from './balances.responses.dto';
import { LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { invalidInput, normaliseResidentId, residentIdProblem } from '@ledger/domain';
import { Roles } from '../../platform/auth/auth.decorators';
import { BalanceQueryDto } from './balances.dto';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { PersonKeyService } from '../../ledger-core/person-key.service';
import { GetPersonCapQuery } from './get-person-cap.query-handler';

@ApiTags('Balances')
@Controller('v1/persons')
export class PersonsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly persons: PersonKeyService,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Get(':personId/cap')
  @Roles('reviewer', 'finance', 'supervisor', 'auditor')
  @LedgerQuery({
    summary:
      'R-SEAT-5: the person cap used, by employer, as of a business date and as known at a recorded time',
    response: PersonCapDto,
  })
  @ApiResidentIdParam('personId')
  cap(@Param('personId') personId: string, @Query() q: BalanceQueryDto) {
    const id = normaliseResidentId(personId);
    const problem = residentIdProblem(id);
    if (problem) throw invalidInput('personId', `is not a valid resident ID number: ${problem}`);
    return this.queries.execute(
      new GetPersonCapQuery(
        this.persons.refOf(id),
        this.contexts.today(),
        q.minPosition,
        q.asOf,
        q.asKnownAt,
      ),
    );
  }
}
