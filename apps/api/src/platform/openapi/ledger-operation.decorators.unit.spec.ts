import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { SwaggerModule, DocumentBuilder, ApiProperty } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { ApiBusinessDate, ApiCreditCode, ApiFen } from './api-fields.decorators';
import { LedgerCommand, LedgerQuery, PageOf } from './ledger-operation.decorators';

/** The shared OpenAPI decorators write what the completeness test asks for. */
class ThingDto {
  @ApiCreditCode()
  enterpriseId!: string;

  @ApiFen()
  amountFen!: number;

  @ApiBusinessDate()
  paidOn!: string;
}

class ThingWrittenDto {
  @ApiProperty({ example: 7 })
  position!: number;
}

@Controller('things')
class ThingsController {
  @Get()
  @Roles('auditor')
  @LedgerQuery({ summary: 'List things', response: PageOf(ThingDto) })
  list() {
    return { items: [], nextCursor: null };
  }

  @Post()
  @HttpCode(200)
  @Roles('finance')
  @LedgerCommand({
    summary: 'Pay a thing',
    response: ThingWrittenDto,
    status: 200,
    errors: [422, 423],
  })
  pay(@Body() _body: ThingDto) {
    return { position: 7 };
  }
}

describe('LedgerCommand, LedgerQuery, PageOf and the field decorators', () => {
  let document: ReturnType<typeof SwaggerModule.createDocument>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
    // The API's own adapter (ADR 0023): Nest's default would need Express.
    const app = moduleRef.createNestApplication(new FastifyAdapter());
    document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.close();
  });

  const refOf = (response: unknown) =>
    (response as { content: { 'application/json': { schema: { $ref: string } } } }).content[
      'application/json'
    ].schema.$ref;

  it('given a query, then it documents its page, 400, 401, 403 and 503 with the error body', () => {
    const responses = document.paths['/things'].get!.responses as Record<string, unknown>;
    expect(Object.keys(responses).sort()).toEqual(['200', '400', '401', '403', '503']);
    expect(refOf(responses['200'])).toBe('#/components/schemas/ThingPageDto');
    for (const code of ['400', '401', '403', '503']) {
      expect(refOf(responses[code])).toBe('#/components/schemas/ErrorBodyDto');
    }
    const page = document.components!.schemas!.ThingPageDto as {
      properties: Record<string, { nullable?: boolean; items?: { $ref: string } }>;
    };
    expect(page.properties.items.items?.$ref).toBe('#/components/schemas/ThingDto');
    expect(page.properties.nextCursor.nullable).toBe(true);
    expect(PageOf(ThingDto)).toBe(PageOf(ThingDto));
  });

  it('given a command, then it documents its status, the common errors and its own', () => {
    const responses = document.paths['/things'].post!.responses as Record<string, unknown>;
    expect(Object.keys(responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '409',
      '422',
      '423',
      '503',
    ]);
    expect(refOf(responses['200'])).toBe('#/components/schemas/ThingWrittenDto');
  });

  it('given the field decorators, then fen is an integer and dates and credit codes have patterns', () => {
    const thing = document.components!.schemas!.ThingDto as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    expect(thing.properties.amountFen).toMatchObject({ type: 'integer', example: 250000 });
    expect(thing.properties.paidOn).toMatchObject({
      format: 'date',
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    });
    expect(thing.properties.enterpriseId.pattern).toBeDefined();
    expect(thing.required.sort()).toEqual(['amountFen', 'enterpriseId', 'paidOn']);
  });
});
