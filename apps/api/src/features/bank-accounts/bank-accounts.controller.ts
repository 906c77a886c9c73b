import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { PayeeKind } from '@ledger/domain';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { ApiCreditCodeParam } from '../../platform/openapi/api-fields.decorators';
import { LedgerCommand, LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { BankAccountsDto, BankAccountVerifiedDto, VerifyBankAccountDto } from './bank-accounts.dto';
import { GetBankAccountsQuery } from './get-bank-accounts.query-handler';
import { VerifyBankAccountCommand } from './verify-bank-account.command-handler';

const VERIFY_SUMMARY =
  'Record a verified bank account of the payee (name must be its registered name, bankCode a 12-digit CNAPS code); a change is a new account, the old ones are kept';
const LIST_SUMMARY =
  "The payee's bank accounts: the current one and the history; numbers in full for finance only";

/** Payee bank accounts of enterprises and schools (issue #14, ADR 0019). */
@ApiTags('Money to the bank and back')
@Controller('v1')
export class BankAccountsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post('enterprises/:id/bank-accounts')
  @ApiCreditCodeParam('id', 'The enterprise: its unified social credit code')
  @Roles('reviewer')
  @LedgerCommand({ summary: VERIFY_SUMMARY, response: BankAccountVerifiedDto, errors: [404] })
  verifyEnterprise(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') id: string,
    @Body() body: VerifyBankAccountDto,
  ): Promise<BankAccountVerifiedDto> {
    return this.verify(actor, key, 'enterprise', id, body);
  }

  @Post('schools/:id/bank-accounts')
  @ApiCreditCodeParam('id', 'The school: its unified social credit code')
  @Roles('reviewer')
  @LedgerCommand({ summary: VERIFY_SUMMARY, response: BankAccountVerifiedDto, errors: [404] })
  verifySchool(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') id: string,
    @Body() body: VerifyBankAccountDto,
  ): Promise<BankAccountVerifiedDto> {
    return this.verify(actor, key, 'school', id, body);
  }

  @Get('enterprises/:id/bank-accounts')
  @ApiCreditCodeParam('id', 'The enterprise: its unified social credit code')
  @Roles('finance', 'reviewer', 'supervisor', 'auditor')
  @LedgerQuery({ summary: LIST_SUMMARY, response: BankAccountsDto, errors: [404] })
  enterpriseAccounts(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.queries.execute(
      new GetBankAccountsQuery('enterprise', id, actor.role === 'finance'),
    );
  }

  @Get('schools/:id/bank-accounts')
  @ApiCreditCodeParam('id', 'The school: its unified social credit code')
  @Roles('finance', 'reviewer', 'supervisor', 'auditor')
  @LedgerQuery({ summary: LIST_SUMMARY, response: BankAccountsDto, errors: [404] })
  schoolAccounts(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.queries.execute(new GetBankAccountsQuery('school', id, actor.role === 'finance'));
  }

  private async verify(
    actor: Actor,
    key: string | undefined,
    payeeKind: PayeeKind,
    payeeId: string,
    body: VerifyBankAccountDto,
  ): Promise<BankAccountVerifiedDto> {
    this.contexts.assertNotFuture({ verifiedOn: body.verifiedOn });
    const { result, position } = await this.commands.execute(
      new VerifyBankAccountCommand(this.contexts.create(actor, key), {
        accountId: randomUUID(),
        payeeKind,
        payeeId,
        ...body,
      }),
    );
    return { ...result, position };
  }
}
