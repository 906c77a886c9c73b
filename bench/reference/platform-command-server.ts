/**
 * The ledger's own HTTP platform around the minimal command server's work: a
 * floor for goal 2 that the stack itself sets (issue #16; ADR 0020 §101).
 *
 * The same Nest application on Fastify that the API is (PlatformModule:
 * JSON logging with its request hook, the JWT guard with its role check, the
 * validation pipe, the error filter, the idempotency and ID-masking
 * interceptors, metrics), built and configured as `createApp` builds the
 * API, with two routes shaped as the API's (same paths, roles, DTOs,
 * decorators and answer shape). Each route's handler does what the minimal
 * server does (raw-command-server.ts): it inserts as many events as the
 * ledger's command wrote, each on its own stream, in ONE FULL-sync
 * transaction on the event store's layout. No domain, no stream read, no
 * sealing, no read model, no anchor.
 *
 *   node dist/bench/reference/platform-command-server.js <dir> <jwt-secret> <approval events> <payment events>
 *
 * Prints `listening <port>` and serves until SIGTERM.
 */
import { Body, Controller, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Actor } from '../../apps/api/src/platform/auth/actor';
import { CurrentActor, Roles } from '../../apps/api/src/platform/auth/auth.decorators';
import { loadLedgerConfig } from '../../apps/api/src/platform/config/ledger-config';
import { configureApp } from '../../apps/api/src/platform/configure-app';
import { ledgerFastifyAdapter } from '../../apps/api/src/platform/http/fastify-adapter';
import { IdempotencyKey } from '../../apps/api/src/platform/idempotency/idempotency-key.decorator';
import { LedgerCommand } from '../../apps/api/src/platform/openapi/ledger-operation.decorators';
import { PlatformModule } from '../../apps/api/src/platform/platform.module';
import { RecordDisbursementDto } from '../../apps/api/src/features/payments/payments.dto';
import { RecordDisbursementResultDto } from '../../apps/api/src/features/payments/payments.responses.dto';
import { ApproveTrancheDto } from '../../apps/api/src/features/seat-subsidy/seat-subsidy.dto';
import { ApproveTrancheResultDto } from '../../apps/api/src/features/seat-subsidy/seat-subsidy.responses.dto';
import { commandAppends, openRawGroupedTable } from '../raw-sqlite';

const [dir, jwtSecret, approvalEventsArg, paymentEventsArg] = process.argv.slice(2);
if (!dir || !jwtSecret || !approvalEventsArg || !paymentEventsArg)
  throw new Error(
    'usage: platform-command-server.js <dir> <jwt-secret> <approval events> <payment events>',
  );
const approvalEvents = Number(approvalEventsArg);
const paymentEvents = Number(paymentEventsArg);
const table = openRawGroupedTable(join(dir, 'platform-commands.sqlite'), 'ledger');
let commands = 0;

function insertEvents(count: number): number {
  const n = commands++;
  const appends = commandAppends(n, count);
  table.appendGrouped(appends, Math.max(1, appends.length));
  return n;
}

@Controller('v1/seat-applications')
class ApprovalsController {
  @Post(':id/tranches')
  @Roles('finance')
  @LedgerCommand({ summary: 'reference', response: ApproveTrancheResultDto, errors: [422] })
  approveTranche(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') applicationId: string,
    @Body() body: ApproveTrancheDto,
  ) {
    // Every parameter is resolved as the API's are; the minimal work uses none.
    void [actor, key];
    const position = insertEvents(approvalEvents);
    // The ledger's answer for a 4-claim tranche: each claim's id and share.
    const included = [0, 1, 2, 3].map((i) => ({
      claimId: `${applicationId.slice(0, -1)}${i}`,
      amountFen: 250_000,
    }));
    return {
      trancheId: `${applicationId}.t${body.tranche}`,
      amountFen: 1_000_000,
      included,
      refused: [],
      position,
    };
  }
}

@Controller('v1/tranches')
class PaymentsController {
  @Post(':id/disbursements')
  @Roles('finance')
  @LedgerCommand({ summary: 'reference', response: RecordDisbursementResultDto, errors: [422] })
  disburse(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') trancheId: string,
    @Body() body: RecordDisbursementDto,
  ) {
    void [actor, key, trancheId, body];
    const position = insertEvents(paymentEvents);
    return { disbursementId: randomUUID(), position };
  }
}

async function main(): Promise<void> {
  const config = loadLedgerConfig({
    ...process.env,
    LEDGER_DATA_DIR: dir,
    LEDGER_JWT_SECRET: jwtSecret,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  class PlatformReferenceModule {}
  const app = await NestFactory.create<NestFastifyApplication>(
    {
      module: PlatformReferenceModule,
      imports: [PlatformModule.forRoot({ config })],
      controllers: [ApprovalsController, PaymentsController],
    },
    ledgerFastifyAdapter(),
    { bufferLogs: true, bodyParser: false, abortOnError: false, logger: false },
  );
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(`listening ${port}\n`);
  process.on('SIGTERM', () => {
    void app.close().then(() => {
      table.close();
      process.exit(0);
    });
  });
}

void main();
