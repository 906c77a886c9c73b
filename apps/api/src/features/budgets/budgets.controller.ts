import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { LedgerCommand, LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { AdjustBudgetCommand } from './adjust-budget.command-handler';
import { AppropriateBudgetCommand } from './appropriate-budget.command-handler';
import {
  AdjustBudgetDto,
  BudgetAdjustedDto,
  BudgetCreatedDto,
  BudgetListDto,
  BudgetsQueryDto,
  CreateBudgetDto,
} from './budgets.dto';
import { ListBudgetsQuery } from './list-budgets.query-handler';

/** R-BUDGET (ADR 0019): appropriations per programme and fiscal year. */
@ApiTags('Money to the bank and back')
@Controller('v1/budgets')
export class BudgetsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @Roles('finance')
  @LedgerCommand({
    summary:
      'R-BUDGET: record the appropriation (预算指标) of a programme for a fiscal year; tranche approvals commit it',
    response: BudgetCreatedDto,
    errors: [409],
  })
  async create(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Body() body: CreateBudgetDto,
  ): Promise<BudgetCreatedDto> {
    const { result, position } = await this.commands.execute(
      new AppropriateBudgetCommand(this.contexts.create(actor, key), body),
    );
    return { ...result, position };
  }

  @Post(':id/adjustments')
  @Roles('finance')
  @LedgerCommand({
    summary:
      'R-BUDGET: a signed adjustment with its document and reason; a cut below what is committed is 422',
    response: BudgetAdjustedDto,
    errors: [404, 422],
  })
  async adjust(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') budgetId: string,
    @Body() body: AdjustBudgetDto,
  ): Promise<BudgetAdjustedDto> {
    this.contexts.assertNotFuture({ decidedOn: body.decidedOn });
    const { result, position } = await this.commands.execute(
      new AdjustBudgetCommand(this.contexts.create(actor, key), budgetId, body),
    );
    return { ...result, position };
  }

  @Get()
  @Roles('finance', 'auditor', 'supervisor')
  @LedgerQuery({
    summary: "The fiscal year's budgets: appropriated, committed, paid and available per programme",
    response: BudgetListDto,
  })
  list(@Query() q: BudgetsQueryDto): Promise<BudgetListDto> {
    return this.queries.execute(new ListBudgetsQuery(q.fiscalYear, q.minPosition));
  }
}
