/**
 * What issue #15 point 3 asks of every operation in the OpenAPI document,
 * as a list of problems, each naming the operation (`POST /v1/cases`) and the
 * field. An empty list means the document is complete.
 */

type Schema = Record<string, any>;
type Doc = Record<string, any>;

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const ERROR_SCHEMA_REF = '#/components/schemas/ErrorBodyDto';

/** Field names that carry a kind of value, and what its schema must say. */
const isFenName = (name: string) => /Fen$/.test(name);
const isDateName = (name: string) => /(On|Date|^asOf|^validFrom|^validTo|^until)$/.test(name);
const isMonthName = (name: string) => /(^m|M)onths?$/.test(name);
const isResidentIdName = (name: string) => /^(personId|residentId|idNumber)$/.test(name);
const isCreditCodeName = (name: string) => /^(creditCode|enterpriseId|schoolId)$/.test(name);

function resolve(doc: Doc, schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++) {
    const name = String(s.$ref).replace('#/components/schemas/', '');
    s = doc.components?.schemas?.[name];
  }
  return s;
}

const refName = (schema: Schema | undefined): string | undefined =>
  schema?.$ref ? String(schema.$ref).replace('#/components/schemas/', '') : undefined;

/** The scalar schema a field holds: itself, or its items for an array of scalars. */
function leaf(doc: Doc, schema: Schema): Schema {
  const s = resolve(doc, schema) ?? schema;
  return s.type === 'array' && s.items ? (resolve(doc, s.items) ?? s.items) : s;
}

function checkNamedField(where: string, name: string, doc: Doc, schema: Schema): string[] {
  const s = leaf(doc, schema);
  const problems: string[] = [];
  if (isFenName(name) && s.type !== 'integer') {
    problems.push(`${where}: ${name} is an amount in fen but its type is ${s.type}, not integer`);
  }
  if (isDateName(name) && !(s.format === 'date' || s.pattern)) {
    problems.push(`${where}: ${name} is a date but has no format date or pattern`);
  }
  if (isMonthName(name) && s.type === 'string' && !s.pattern) {
    problems.push(`${where}: ${name} holds months but has no pattern`);
  }
  if ((isResidentIdName(name) || isCreditCodeName(name)) && !s.pattern) {
    problems.push(`${where}: ${name} is an ID number or credit code but has no pattern`);
  }
  return problems;
}

const hasExample = (schema: Schema): boolean =>
  schema.example !== undefined ||
  (Array.isArray(schema.examples) && schema.examples.length > 0) ||
  Array.isArray(schema.enum) ||
  (schema.type === 'array' && Array.isArray(schema.items?.enum));

/**
 * Walks an object schema: every property typed, every scalar with an example,
 * named fields with their type or pattern, nested objects in turn.
 */
function checkObject(
  where: string,
  doc: Doc,
  schema: Schema | undefined,
  seen: Set<string>,
): string[] {
  const name = refName(schema);
  if (name) {
    if (seen.has(name)) return [];
    seen.add(name);
  }
  const s = resolve(doc, schema);
  if (!s) return [`${where}: schema ${name ?? '?'} is missing`];
  if (s.type === 'array') return checkObject(`${where}[]`, doc, s.items, seen);
  if (s.allOf) return s.allOf.flatMap((part: Schema) => checkObject(where, doc, part, seen));
  // One of several shapes (`OneOf(…)`, e.g. the audit log's array or page): each is checked.
  if (s.oneOf) return s.oneOf.flatMap((part: Schema) => checkObject(where, doc, part, seen));
  const properties: Record<string, Schema> = s.properties ?? {};
  if (Object.keys(properties).length === 0) {
    return [`${where}: ${name ?? 'an object'} has no properties (an untyped object)`];
  }
  const problems: string[] = [];
  for (const [prop, raw] of Object.entries(properties)) {
    const at = `${where}.${prop}`;
    // `{ type: Dto, description }` is written as `allOf: [{ $ref }]`.
    const target = raw.$ref
      ? raw
      : raw.allOf?.length === 1 && raw.allOf[0].$ref
        ? raw.allOf[0]
        : raw.type === 'array' && raw.items?.$ref
          ? raw.items
          : raw;
    const nested = refName(target);
    if (nested) {
      const resolved = resolve(doc, target);
      if (resolved?.enum) {
        problems.push(...checkNamedField(at, prop, doc, raw));
        continue;
      }
      problems.push(...checkObject(at, doc, target, seen));
      continue;
    }
    if (raw.type === undefined && !raw.oneOf && !raw.anyOf && !raw.allOf) {
      problems.push(`${at}: has no type`);
      continue;
    }
    // A map (event data, policy parameters, stores by name) is typed by its
    // values and shown by an example; an object with neither is untyped.
    if (raw.type === 'object' && !raw.properties) {
      if (raw.additionalProperties === undefined || raw.additionalProperties === false) {
        problems.push(`${at}: is an untyped object`);
      } else if (!hasExample(raw)) {
        problems.push(`${at}: is a map without an example`);
      }
      continue;
    }
    if (raw.type === 'array' && (!raw.items || Object.keys(raw.items).length === 0)) {
      problems.push(`${at}: is an array of untyped items`);
      continue;
    }
    if (!hasExample(raw)) problems.push(`${at}: has no example`);
    problems.push(...checkNamedField(at, prop, doc, raw));
  }
  return problems;
}

/** Every media type a string of `format: binary` with an example (issue #14: payment files). */
const isFileDownload = (part: Schema | undefined): boolean => {
  const content: Record<string, Schema> = part?.content ?? {};
  const types = Object.values(content);
  return (
    types.length > 0 &&
    types.every(
      (t) => t.schema?.type === 'string' && t.schema.format === 'binary' && hasExample(t.schema),
    )
  );
};

const jsonSchemaOf = (part: Schema | undefined): Schema | undefined =>
  part?.content?.['application/json']?.schema;

/** Every problem of one operation. */
export function operationProblems(doc: Doc, method: string, path: string): string[] {
  const op = doc.paths[path][method];
  const name = `${method.toUpperCase()} ${path}`;
  const problems: string[] = [];
  const responses: Record<string, Schema> = op.responses ?? {};
  const codes = Object.keys(responses);

  const success = codes.filter((c) => /^2\d\d$/.test(c));
  if (success.length === 0) problems.push(`${name}: no success response`);
  for (const code of success) {
    const schema = jsonSchemaOf(responses[code]);
    // A file download (a bank's payment file, a workbook) documents its media types instead.
    if (!schema && isFileDownload(responses[code])) continue;
    if (!schema) problems.push(`${name}: success ${code} has no JSON schema`);
    else problems.push(...checkObject(`${name} ${code}`, doc, schema, new Set()));
  }

  // Health probes answer 503 with terminus' body, which names the store that is down.
  const isHealth = path === '/health' || path.startsWith('/health/');
  for (const code of codes.filter((c) => /^[45]\d\d$/.test(c))) {
    const schema = jsonSchemaOf(responses[code]);
    if (isHealth && code === '503' && schema) {
      problems.push(...checkObject(`${name} ${code}`, doc, schema, new Set()));
    } else if (schema?.$ref !== ERROR_SCHEMA_REF) {
      problems.push(`${name}: error ${code} does not document the error body (ErrorBodyDto)`);
    }
  }
  const requireStatus = (code: string, why: string) => {
    if (!codes.includes(code)) problems.push(`${name}: no ${code} response (${why})`);
  };
  const parameters: Schema[] = op.parameters ?? [];
  const takesInput =
    op.requestBody !== undefined || parameters.some((p) => p.in === 'query' || p.in === 'path');
  if (takesInput) requireStatus('400', 'it takes input');
  if ((op.security ?? []).length > 0) requireStatus('401', 'it needs a token');
  if (method === 'post') {
    requireStatus('409', 'a command can lose a concurrent write or reuse an Idempotency-Key');
    requireStatus('503', 'a command can meet a full or unreachable store');
  }
  if (path.startsWith('/v1/') && method === 'get') {
    requireStatus('503', 'a query waits for its read model (minPosition)');
  }

  if (op.requestBody) {
    const schema = jsonSchemaOf(op.requestBody);
    if (!schema) problems.push(`${name}: request body has no JSON schema`);
    else problems.push(...checkObject(`${name} body`, doc, schema, new Set()));
  }
  // An enterprise's or school's id in a path is its credit code.
  const keyedByCreditCode = /^\/v1\/(enterprises|schools)\/\{id\}/.test(path);
  for (const p of parameters) {
    if (p.in !== 'query' && p.in !== 'path') continue;
    const named = p.in === 'path' && p.name === 'id' && keyedByCreditCode ? 'creditCode' : p.name;
    problems.push(...checkNamedField(`${name} ${p.in} ${p.name}`, named, doc, p.schema ?? {}));
  }
  return problems;
}

export function listOperations(doc: Doc): Array<{ method: string; path: string }> {
  return Object.entries(doc.paths as Record<string, Schema>).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => item[m]).map((method) => ({ method, path })),
  );
}

export function openApiProblems(doc: Doc): string[] {
  return listOperations(doc).flatMap(({ method, path }) => operationProblems(doc, method, path));
}
