import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UnprocessableEntityException,
} from '@nestjs/common';
import { LedgerError, LedgerErrorKind } from '@ledger/domain/shared/ledger-error';
import { gzipSync } from 'node:zlib';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { Public, Roles } from '../auth/auth.decorators';
import { PlatformTestApp, startPlatformTestApp } from '../test-support/platform-test-app';
import { awaitMinPosition, MinPosition, MinPositionQueryDto } from './min-position';

const PERSON_ID = '140202199001011234';

class ClaimDto {
  @IsString()
  @Length(18, 18)
  personId!: string;

  @IsString()
  name!: string;

  @IsArray()
  @Matches(/^\d{4}-\d{2}$/, { each: true })
  wageMonths!: string[];
}

class ApplicationDto {
  @IsString()
  enterpriseId!: string;

  @IsInt()
  @Min(1)
  seats!: number;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ClaimDto)
  claims!: ClaimDto[];
}

let readModelPosition = 0;

@Public()
@Controller('errors-test')
class ErrorsTestController {
  @Post('applications')
  create(@Body() body: ApplicationDto) {
    return { claims: body.claims.length, isDto: body instanceof ApplicationDto };
  }

  @Post('ledger-error/:kind')
  ledgerError(@Param('kind') kind: LedgerErrorKind) {
    throw new LedgerError(kind, `refused as ${kind}`, 'R-TEST-1', { claimId: 'c-1' });
  }

  @Get('http-exception')
  httpException() {
    throw new UnprocessableEntityException({ message: 'too small', rule: 'R-SEAT-1' });
  }

  @Post('boom')
  @HttpCode(200)
  boom(@Body() body: { personId: string }) {
    throw new Error(`database said no about ${body.personId}`);
  }

  @Post('disk/:code')
  disk(@Param('code') code: string) {
    throw Object.assign(new Error(`disk said ${code}`), { code });
  }

  @Get('projection')
  async projection(@MinPosition() minPosition?: number) {
    await awaitMinPosition(minPosition, () => readModelPosition, 150);
    return { position: readModelPosition, minPosition: minPosition ?? null };
  }

  @Get('projection-dto')
  projectionDto(@Query() query: MinPositionQueryDto) {
    return { minPosition: query.minPosition ?? null };
  }

  @Roles('auditor')
  @Get('auditors')
  auditors() {
    return {};
  }
}

describe('errors, validation, body limits, minPosition, health, OpenAPI', () => {
  let t: PlatformTestApp;

  beforeAll(async () => {
    t = await startPlatformTestApp({
      controllers: [ErrorsTestController],
      env: { LEDGER_BODY_LIMIT: '2kb' },
    });
  });
  afterAll(() => t.close());

  const valid = () => ({
    enterpriseId: '91140200MA0K000001',
    seats: 250,
    claims: [{ personId: PERSON_ID, name: 'Li Lei', wageMonths: ['2023-01'] }],
  });

  it('accepts a valid body and hands the handler a DTO instance', async () => {
    const response = await t.request('POST', '/errors-test/applications', { body: valid() });
    expect(response).toMatchObject({ status: 201, body: { claims: 1, isDto: true } });
  });

  it('answers 400 with the nested path of every bad field', async () => {
    const body = valid();
    body.claims.push({ personId: 'short', name: 'Han Meimei', wageMonths: ['2023-1'] });
    (body as { seats: unknown }).seats = 'many';
    const response = await t.request('POST', '/errors-test/applications', { body });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('claims.1.personId'),
      details: [
        { field: 'seats', messages: expect.arrayContaining(['seats must be an integer number']) },
        {
          field: 'claims.1.personId',
          messages: ['personId must be longer than or equal to 18 characters'],
        },
        { field: 'claims.1.wageMonths', messages: [expect.stringContaining('wageMonths')] },
      ],
    });
  });

  it('keeps line breaks, tabs and a joiner inside visible text; refuses a bidi override naming the field (issue #12, point 13)', async () => {
    const body = valid();
    body.claims[0].name = 'Li\tLei\r\nHan 👩\u200D💻';
    expect(await t.request('POST', '/errors-test/applications', { body })).toMatchObject({
      status: 201,
    });
    body.claims[0].name = 'Li \u202Eiel';
    const refused = await t.request('POST', '/errors-test/applications', { body });
    expect(refused).toMatchObject({
      status: 400,
      body: { details: [{ field: 'claims.0.name', messages: [expect.stringContaining('bidi')] }] },
    });
  });

  it('accepts a gzip body that is gzip; a plain one labelled gzip is 400, not 500 (issue #12, point 13)', async () => {
    const json = JSON.stringify(valid());
    const send = (body: Buffer | string) =>
      fetch(`${t.baseUrl}/errors-test/applications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body,
      });
    expect((await send(gzipSync(json))).status).toBe(201);
    const refused = await send(json);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Request body does not match its Content-Encoding',
    });
  });

  it('answers 400 for an unknown field, also a nested one', async () => {
    const body = { ...valid(), bonusFen: 1 };
    (body.claims[0] as Record<string, unknown>).extra = true;
    const response = await t.request('POST', '/errors-test/applications', { body });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      details: [
        { field: 'bonusFen', messages: ['property bonusFen should not exist'] },
        { field: 'claims.0.extra', messages: ['property extra should not exist'] },
      ],
    });
  });

  it('answers 400 for malformed JSON, without quoting the body', async () => {
    const response = await t.request('POST', '/errors-test/applications', {
      body: `{"personId": "${PERSON_ID}",`,
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Request body is not valid JSON',
    });
  });

  it('answers 400 naming the limit for a body over it', async () => {
    const body = { ...valid(), padding: 'x'.repeat(4096) };
    const response = await t.request('POST', '/errors-test/applications', { body });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Request body is larger than the 2kb limit',
    });
  });

  it.each([
    ['invalid', 400, 'Bad Request'],
    ['forbidden', 403, 'Forbidden'],
    ['not_found', 404, 'Not Found'],
    ['conflict', 409, 'Conflict'],
    ['rule', 422, 'Unprocessable Entity'],
    ['suspended', 423, 'Locked'],
  ])('maps LedgerError %s to %i with its rule and details', async (kind, status, error) => {
    const response = await t.request('POST', `/errors-test/ledger-error/${kind}`);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({
      statusCode: status,
      error,
      message: `refused as ${kind}`,
      rule: 'R-TEST-1',
      details: { claimId: 'c-1' },
    });
  });

  it('keeps rule from an HttpException body', async () => {
    const response = await t.request('GET', '/errors-test/http-exception');
    expect(response.body).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'too small',
      rule: 'R-SEAT-1',
    });
  });

  it('answers 404 in the same shape for an unknown route', async () => {
    const response = await t.request('GET', '/no/such/route');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /no/such/route',
    });
  });

  it('answers 500 with a generic message and logs the error, never the body or an ID number', async () => {
    const response = await t.request('POST', '/errors-test/boom', {
      body: { personId: PERSON_ID },
      token: t.token({ sub: 'rita', role: 'reviewer' }, 60),
    });
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
    });
    const logs = t.logs.join('');
    expect(logs).toContain('database said no about 140202********1234');
    expect(logs).not.toContain(PERSON_ID);
    expect(logs).not.toContain('"personId"');
  });

  it.each([
    ['SQLITE_FULL', 503],
    ['ENOSPC', 503],
    ['EDQUOT', 503],
    ['SQLITE_IOERR_FSYNC', 500], // an I/O error with room left on the disk is a real fault
    ['SQLITE_CORRUPT', 500],
  ])('answers %s with %i (issue #12, point 3)', async (code, status) => {
    const response = await t.request('POST', `/errors-test/disk/${code}`);
    expect(response.status).toBe(status);
    if (status === 503) {
      expect(response.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'storage full',
      });
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    }
  });

  it('masks ID numbers in logged URLs', async () => {
    await t.request('GET', `/errors-test/persons/${PERSON_ID}/cap`);
    const logs = t.logs.join('');
    expect(logs).toContain('/errors-test/persons/140202********1234/cap');
    expect(logs).not.toContain(PERSON_ID);
  });

  it("lets a route's @Roles override its controller's @Public", async () => {
    expect((await t.request('GET', '/errors-test/auditors')).status).toBe(401);
    const reviewer = t.token({ sub: 'rita', role: 'reviewer' }, 60);
    expect((await t.request('GET', '/errors-test/auditors', { token: reviewer })).status).toBe(403);
    const auditor = t.token({ sub: 'otto', role: 'auditor' }, 60);
    expect((await t.request('GET', '/errors-test/auditors', { token: auditor })).status).toBe(200);
  });

  describe('minPosition', () => {
    beforeEach(() => {
      readModelPosition = 3;
    });

    it('answers at once when the read model is there', async () => {
      const response = await t.request('GET', '/errors-test/projection?minPosition=3');
      expect(response).toMatchObject({ status: 200, body: { position: 3, minPosition: 3 } });
      expect(await t.request('GET', '/errors-test/projection')).toMatchObject({
        status: 200,
        body: { minPosition: null },
      });
    });

    it('waits for the read model to catch up', async () => {
      setTimeout(() => (readModelPosition = 7), 40);
      const response = await t.request('GET', '/errors-test/projection?minPosition=7');
      expect(response).toMatchObject({ status: 200, body: { position: 7 } });
    });

    it('answers 503 with Retry-After: 1 when it does not catch up in time', async () => {
      const response = await t.request('GET', '/errors-test/projection?minPosition=9');
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: expect.stringContaining('not yet 9'),
      });
    });

    it.each(['-1', '1.5', 'abc', '9007199254740993', '1e3', '', '1&minPosition=2'])(
      'answers 400 naming the field for minPosition=%s',
      async (value) => {
        for (const url of ['/errors-test/projection', '/errors-test/projection-dto']) {
          const response = await t.request('GET', `${url}?minPosition=${value}`);
          expect(response.status).toBe(400);
          expect(response.body).toMatchObject({
            details: [
              { field: 'minPosition', messages: expect.arrayContaining([expect.any(String)]) },
            ],
          });
        }
      },
    );

    it('parses minPosition in a query DTO', async () => {
      expect(await t.request('GET', '/errors-test/projection-dto?minPosition=12')).toMatchObject({
        status: 200,
        body: { minPosition: 12 },
      });
    });
  });

  it('answers GET /health with 200 { status: ok } without a token', async () => {
    expect(await t.request('GET', '/health')).toMatchObject({
      status: 200,
      body: { status: 'ok' },
    });
  });

  it('serves the OpenAPI document with the bearer scheme and the Idempotency-Key header', async () => {
    const response = await t.request('GET', '/docs-json');
    expect(response.status).toBe(200);
    const document = response.body as {
      info: { title: string };
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<
        string,
        Record<string, { parameters?: { name: string }[]; security?: unknown }>
      >;
    };
    expect(document.info.title).toBe('Datong subsidy ledger');
    expect(document.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(document.paths['/health']).toBeDefined();
    expect(document.paths['/errors-test/auditors'].get.security).toEqual([{ bearer: [] }]);
    expect(
      document.paths['/errors-test/applications'].post.parameters?.map((p) => p.name),
    ).toContain('Idempotency-Key');
    expect(document.paths['/errors-test/projection'].get.parameters).toEqual([
      expect.objectContaining({ name: 'minPosition', in: 'query', required: false }),
    ]);
    expect((await t.request('GET', '/docs')).status).toBe(200);
  });
});
