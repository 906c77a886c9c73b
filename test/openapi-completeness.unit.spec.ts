import { openApiProblems } from './support/openapi-completeness';

/** The checker of the OpenAPI completeness test finds what it must find. */
const error = {
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBodyDto' } } },
};
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });

function documentWith(operation: Record<string, unknown>, schemas: Record<string, unknown> = {}) {
  return {
    paths: { '/v1/things/{id}': { post: operation } },
    components: { schemas: { ErrorBodyDto: { type: 'object', properties: {} }, ...schemas } },
  };
}

const complete = {
  parameters: [{ in: 'path', name: 'id', schema: { type: 'string' } }],
  security: [{ bearer: [] }],
  requestBody: json({ $ref: '#/components/schemas/Body' }),
  responses: {
    201: json({ $ref: '#/components/schemas/Answer' }),
    400: error,
    401: error,
    403: error,
    409: error,
    503: error,
  },
};
const schemas = {
  Body: {
    type: 'object',
    properties: {
      paidOn: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', example: '2023-03-01' },
      amountFen: { type: 'integer', example: 100 },
      personId: { type: 'string', pattern: '^\\d{17}[\\dX]$', example: '140202199001011234' },
      months: {
        type: 'array',
        items: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
        example: ['2023-01'],
      },
    },
  },
  Answer: { type: 'object', properties: { id: { type: 'string', example: 'x' } } },
};

describe('openApiProblems', () => {
  it('given a complete operation, then it finds nothing', () => {
    expect(openApiProblems(documentWith(complete, schemas))).toEqual([]);
  });

  it('given a success body of one of two shapes, when one shape is untyped, then it names that one', () => {
    const oneOf = (second: string) => ({
      ...complete,
      responses: {
        ...complete.responses,
        201: json({
          oneOf: [
            { type: 'array', items: { $ref: '#/components/schemas/Answer' } },
            { $ref: `#/components/schemas/${second}` },
          ],
        }),
      },
    });
    const page = {
      type: 'object',
      properties: { nextCursor: { type: 'string', nullable: true, example: 'x' } },
    };
    expect(openApiProblems(documentWith(oneOf('Page'), { ...schemas, Page: page }))).toEqual([]);
    expect(
      openApiProblems(documentWith(oneOf('Loose'), { ...schemas, Loose: { type: 'object' } })),
    ).toEqual([expect.stringMatching(/Loose has no properties/)]);
  });

  it.each([
    [
      'a fen field typed number',
      { amountFen: { type: 'number', example: 1 } },
      /amountFen .*not integer/,
    ],
    ['a date without pattern', { paidOn: { type: 'string', example: 'x' } }, /paidOn is a date/],
    [
      'months without pattern',
      { months: { type: 'array', items: { type: 'string' }, example: [] } },
      /months holds months/,
    ],
    [
      'an ID number without pattern',
      { personId: { type: 'string', example: 'x' } },
      /personId is an ID number/,
    ],
    ['a field without example', { note: { type: 'string' } }, /note: has no example/],
    ['an untyped object', { data: { type: 'object' } }, /data: is an untyped object/],
  ])('given %s in the body, then it names the field', (_label, bad, expected) => {
    const broken = {
      ...schemas,
      Body: { type: 'object', properties: { ...schemas.Body.properties, ...bad } },
    };
    const problems = openApiProblems(documentWith(complete, broken));
    expect(problems.join('\n')).toMatch(expected);
    expect(problems[0]).toMatch(/^POST \/v1\/things\/\{id\} body\./);
  });

  it('given no success schema and an error without the error body, then it names both', () => {
    const op = {
      ...complete,
      responses: { ...complete.responses, 201: { description: 'ok' }, 422: { description: 'no' } },
    };
    const problems = openApiProblems(documentWith(op, schemas)).join('\n');
    expect(problems).toMatch(/POST \/v1\/things\/\{id\}: success 201 has no JSON schema/);
    expect(problems).toMatch(
      /POST \/v1\/things\/\{id\}: error 422 does not document the error body/,
    );
  });

  it('given a command without 409 and 503, then it asks for them', () => {
    const { 409: _c, 503: _u, ...rest } = complete.responses;
    const problems = openApiProblems(documentWith({ ...complete, responses: rest }, schemas)).join(
      '\n',
    );
    expect(problems).toMatch(/no 409 response/);
    expect(problems).toMatch(/no 503 response/);
  });
});
