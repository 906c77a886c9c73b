import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { maskAccountNumber, PaymentBatchState } from '@ledger/domain';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import {
  ApiErrors,
  LedgerCommand,
  LedgerQuery,
  PageOf,
} from '../../platform/openapi/ledger-operation.decorators';
import { MinPosition } from '../../platform/http/min-position';
import { Language } from '../../platform/http/i18n/accept-language';
import { AnswerLanguage } from '../../platform/http/i18n/answer-language.decorator';
import { reasonToChinese } from '../../platform/http/i18n/localize-message';
import { ApprovePaymentBatchCommand } from './approve-payment-batch.command-handler';
import type { PaymentBatchView } from '@ledger/projections';
import { CreatePaymentBatchCommand } from './create-payment-batch.command-handler';
import { GetPaymentFileQuery, PaymentFile } from './get-payment-file.query-handler';
import {
  GetPaymentBatchQuery,
  ListPaymentBatchesQuery,
} from './list-payment-batches.query-handler';
import {
  ApprovePaymentBatchDto,
  CreatePaymentBatchDto,
  PaymentBatchApprovedDto,
  PaymentBatchCreatedDto,
  PaymentBatchListQueryDto,
  PaymentBatchSummaryDto,
  PaymentBatchViewDto,
  PaymentFileQueryDto,
} from './payment-batches.dto';

/** Payment batches and their instruction files (issue #14, ADR 0019). */
@ApiTags('Money to the bank and back')
@Controller('v1/payment-batches')
export class PaymentBatchesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @Roles('finance')
  @LedgerCommand({
    summary:
      'Gather payable tranches (published, notice over, not paid, payee not suspended, a verified account) into a batch; the rest is listed in `refused`. A tranche is in one open batch at most',
    response: PaymentBatchCreatedDto,
    errors: [422],
  })
  async create(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Body() body: CreatePaymentBatchDto,
    @AnswerLanguage() lang: Language,
  ): Promise<PaymentBatchCreatedDto> {
    this.contexts.assertNotFuture({ createdOn: body.createdOn });
    const { result, position } = await this.commands.execute<
      CreatePaymentBatchCommand,
      { result: PaymentBatchState; position: number }
    >(new CreatePaymentBatchCommand(this.contexts.create(actor, key), body));
    return {
      batchId: result.batchId,
      items: result.items.map((i) => ({
        itemId: i.itemId,
        trancheId: i.trancheId,
        payeeName: i.payeeName,
        accountMasked: maskAccountNumber(i.accountNumber),
        amountFen: i.amountFen,
      })),
      refused: refusalsIn(lang, result.refused),
      totalFen: result.totalFen,
      position,
    };
  }

  @Get()
  @Roles('finance', 'auditor', 'supervisor')
  @LedgerQuery({
    summary:
      'Payment batches, awaiting approval first, then approved, partly paid and paid, each by creation; filter by `status`',
    description:
      'Cursor-paginated (`?limit=` 1–500, default 50; `?cursor=` the last `nextCursor`), from the read models (ADR 0017).',
    response: PageOf(PaymentBatchSummaryDto),
  })
  list(@Query() q: PaymentBatchListQueryDto): Promise<unknown> {
    return this.queries.execute(new ListPaymentBatchesQuery(q));
  }

  @Get(':id')
  @Roles('finance', 'auditor', 'supervisor')
  @LedgerQuery({
    summary:
      "One batch with its items (accounts masked, as the batch's creation answered them), what it refused, and each item's answer from the bank",
    response: PaymentBatchViewDto,
    errors: [404],
  })
  async get(
    @Param('id') batchId: string,
    @AnswerLanguage() lang: Language,
    @MinPosition() minPosition?: number,
  ): Promise<unknown> {
    const view = await this.queries.execute<GetPaymentBatchQuery, PaymentBatchView>(
      new GetPaymentBatchQuery(batchId, minPosition),
    );
    return { ...view, refused: refusalsIn(lang, view.refused) };
  }

  @Post(':id/approval')
  @HttpCode(200)
  @Roles('finance')
  @LedgerCommand({
    summary:
      'R-SOD (four eyes): another finance actor than the maker approves the batch (403 for the maker)',
    response: PaymentBatchApprovedDto,
    status: 200,
    errors: [404],
  })
  async approve(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') batchId: string,
    @Body() body: ApprovePaymentBatchDto,
  ): Promise<PaymentBatchApprovedDto> {
    this.contexts.assertNotFuture({ approvedOn: body.approvedOn });
    const { result, position } = await this.commands.execute<
      ApprovePaymentBatchCommand,
      { result: PaymentBatchState; position: number }
    >(new ApprovePaymentBatchCommand(this.contexts.create(actor, key), batchId, body));
    return {
      batchId,
      approvedOn: result.approved!.approvedOn,
      approvedBy: result.approved!.approvedBy,
      position,
    };
  }

  @Get(':id/file')
  @Roles('finance')
  @ApiOperation({
    summary:
      'The instruction file of an approved batch: ISO 20022 pain.001.001.03 XML (EndToEndId = itemId, amounts CNY with two decimals) or CSV; 409 before approval',
  })
  @ApiOkResponse({
    description: 'The file',
    content: {
      'application/xml': {
        schema: {
          type: 'string',
          format: 'binary',
          example: '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">…',
        },
      },
      'text/csv': {
        schema: { type: 'string', format: 'binary', example: 'itemId,trancheId,payeeName,…\r\n' },
      },
    },
  })
  @ApiErrors(400, 404, 409, 503)
  async file(
    @Param('id') batchId: string,
    @Query() q: PaymentFileQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.queries.execute<GetPaymentFileQuery, PaymentFile>(
      new GetPaymentFileQuery(batchId, q.format ?? 'pain.001', new Date().toISOString()),
    );
    res
      .type(file.contentType)
      .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
      .send(file.body);
  }
}

/** The reasons of the tranches a batch left out, in the reader's language (the rule id stays). */
function refusalsIn<R extends { reason: string }>(lang: Language, refused: R[]): R[] {
  return lang === 'zh'
    ? refused.map((r) => ({ ...r, reason: reasonToChinese(r.reason) }))
    : refused;
}
