import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { StatementResult } from '@ledger/application';
import { invalidInput } from '@ledger/domain';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { LedgerClock } from '../../ledger-core/ledger-clock';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { LedgerCommand } from '../../platform/openapi/ledger-operation.decorators';
import { CsvStatementDto, StatementResultDto } from './bank-statements.dto';
import { ImportStatementCommand } from './import-statement.command-handler';
import { parseCamt053, parseStatementCsv, ParsedStatement } from './statement-parsers';

/** Bank statements and reconciliation (issue #14, ADR 0019). */
@ApiTags('Money to the bank and back')
@Controller('v1/bank-statements')
export class BankStatementsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
    private readonly clock: LedgerClock,
  ) {}

  @Post()
  @Roles('finance')
  @ApiConsumes('application/json', 'application/xml')
  @ApiBody({
    type: CsvStatementDto,
    description:
      'ISO 20022 camt.053.001.02 XML sent as `Content-Type: application/xml`, or this JSON: `{format: "csv", content}`',
  })
  @LedgerCommand({
    summary:
      'Reconcile a statement: debits matched to batch items by EndToEndId record the payment (R-PAY, R-PUB hold), credits naming a case record a recovery; anything else is in `unmatched` and writes nothing. A malformed statement (broken XML, wrong namespace, three decimals, not CNY) is 400 naming the entry; the same statement twice changes nothing',
    response: StatementResultDto,
  })
  async import(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Body() body: unknown,
  ): Promise<StatementResultDto> {
    const { raw, parsed } = parseBody(body);
    const hash = createHash('sha256').update(raw, 'utf8').digest('hex');
    const { result, position } = await this.commands.execute<
      ImportStatementCommand,
      { result: StatementResult; position: number }
    >(
      new ImportStatementCommand(this.contexts.create(actor, key), {
        hash,
        statementId: hash,
        importedOn: this.clock.today(),
        lines: parsed.lines,
      }),
    );
    return {
      statementId: result.statementId,
      importedOn: result.importedOn,
      lines: result.lines,
      paid: result.paid.map(({ kind: _kind, ...p }) => p),
      returned: (result.returned ?? []).map(({ kind: _kind, ...r }) => r),
      recovered: result.recovered.map(({ kind: _kind, ...r }) => r),
      unmatched: result.unmatched.map(({ kind: _kind, ...u }) => u),
      position,
    };
  }
}

function parseBody(body: unknown): { raw: string; parsed: ParsedStatement } {
  if (typeof body === 'string') return { raw: body, parsed: parseCamt053(body) };
  const b = body as { format?: unknown; content?: unknown } | undefined;
  if (!b || b.format !== 'csv') {
    throw invalidInput('format', 'must be "csv" (or send camt.053 XML as application/xml)');
  }
  if (typeof b.content !== 'string' || b.content.trim() === '') {
    throw invalidInput('content', 'must be the CSV statement as a string');
  }
  return { raw: b.content, parsed: parseStatementCsv(b.content) };
}
