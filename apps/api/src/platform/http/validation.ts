import {
  ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
  ValidationPipeOptions,
} from '@nestjs/common';
import { fastAcceptBody } from './fast-body-accept';
import { fastAcceptQuery } from './fast-query-accept';
import { textFieldErrors } from './text-content';
import { cacheValidationMetadataLookups } from './validation-metadata-cache';

/** One entry of `details` in a 400: the dotted path of the field and what is wrong with it. */
export interface FieldError {
  /** e.g. `claims.0.personId`; `(root)` when the value as a whole is wrong. */
  field: string;
  messages: string[];
}

/** Fields listed in a 400 at most: a 10 mb body of bad claims must not echo megabytes back. */
export const FIELD_ERRORS_MAX = 100;
const FIELDS_IN_MESSAGE_MAX = 5;

/** A 400 whose `details` lists the fields; rendered by the exception filter as is. */
export class RequestValidationException extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    const fields = fieldErrors.map((error) => error.field);
    const more = fields.length > FIELDS_IN_MESSAGE_MAX ? ', …' : '';
    super({
      message: `Invalid request: ${fields.slice(0, FIELDS_IN_MESSAGE_MAX).join(', ')}${more}`,
      details: fieldErrors,
    });
  }
}

/**
 * Constraints that make the others moot: `seats: "300"` fails isInt, min and
 * max at once, and only "must be an integer" is true of it.
 */
const DECISIVE_CONSTRAINTS = [
  'whitelistValidation',
  'unknownValue',
  'isDefined',
  'nestedValidation',
  'isInt',
  'isNumber',
  'isString',
  'isBoolean',
  'isArray',
  'isObject',
  'isEnum',
  'isIn',
];

/** One message per field: the decisive constraint that failed, else the first listed. */
function mostSpecificConstraint(constraints: Record<string, string>): string | undefined {
  const decisive = DECISIVE_CONSTRAINTS.find((name) => Object.hasOwn(constraints, name));
  return decisive ? constraints[decisive] : Object.values(constraints)[0];
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  const walk = (list: ValidationError[], prefix: string): void => {
    for (const error of list) {
      if (out.length >= FIELD_ERRORS_MAX) return;
      const field = prefix === '' ? error.property : `${prefix}.${error.property}`;
      const message = error.constraints && mostSpecificConstraint(error.constraints);
      if (message) out.push({ field: field === '' ? '(root)' : field, messages: [message] });
      if (error.children?.length) walk(error.children, field);
    }
  };
  walk(errors, parent);
  return out;
}

/**
 * class-transformer drops `__proto__` and `constructor` keys before the
 * validator could refuse them as unknown; they are refused here instead.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const NESTING_MAX = 32;

export function forbiddenKeyPaths(
  value: unknown,
  prefix = '',
  depth = 0,
  out: string[] = [],
): string[] {
  if (
    value === null ||
    typeof value !== 'object' ||
    depth > NESTING_MAX ||
    out.length >= FIELD_ERRORS_MAX
  ) {
    return out;
  }
  for (const key of Object.keys(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (FORBIDDEN_KEYS.has(key)) out.push(path);
    else forbiddenKeyPaths((value as Record<string, unknown>)[key], path, depth + 1, out);
  }
  return out;
}

/** Where request text arrives; custom decorators (the actor) are not input. */
const TEXT_SOURCES: ReadonlySet<string> = new Set(['body', 'query', 'param']);

class LedgerValidationPipe extends ValidationPipe {
  constructor(
    options: ValidationPipeOptions,
    private readonly fastQueries: boolean,
    private readonly fastBodies: boolean,
  ) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const forbidden = forbiddenKeyPaths(value);
    if (forbidden.length > 0) {
      throw new RequestValidationException(
        forbidden.map((field) => ({
          field,
          messages: [`property ${field.split('.').pop()} should not exist`],
        })),
      );
    }
    if (TEXT_SOURCES.has(metadata.type)) {
      const text = textFieldErrors(value, metadata.data ?? '');
      if (text.length > 0) throw new RequestValidationException(text);
    }
    if (this.fastQueries && metadata.type === 'query') {
      const accepted = fastAcceptQuery(metadata.metatype, value);
      if (accepted) return accepted;
    }
    if (this.fastBodies && metadata.type === 'body') {
      const accepted = fastAcceptBody(metadata.metatype, value);
      if (accepted) return accepted;
    }
    return super.transform(value, metadata);
  }
}

/**
 * The global pipe: unknown fields are refused (not silently dropped), DTOs are
 * instantiated, and failures become `RequestValidationException`. Values are
 * kept out of the errors: they may be ID numbers. `fastQueries: false` and
 * `fastBodies: false` leave out the short cuts of hot query and command body
 * DTOs (fast-query-accept.ts, fast-body-accept.ts), for their tests.
 */
export const createValidationPipe = ({
  fastQueries = true,
  fastBodies = true,
} = {}): ValidationPipe => {
  cacheValidationMetadataLookups();
  return new LedgerValidationPipe(
    {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new RequestValidationException(flattenValidationErrors(errors)),
    },
    fastQueries,
    fastBodies,
  );
};
