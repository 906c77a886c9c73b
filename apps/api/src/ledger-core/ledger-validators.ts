import {
  creditCodeProblem,
  isBusinessDate,
  isMonth,
  normaliseResidentId,
  residentIdProblem,
} from '@ledger/domain';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * class-validator decorators over the domain's own checks, so a bad date, month,
 * credit code or ID number is a 400 naming the field, before any command runs.
 * Messages never repeat the value: it may be an ID number.
 */
function fromPredicate(
  name: string,
  problem: (value: unknown) => string | undefined,
  options?: ValidationOptions,
) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => problem(value) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} ${problem(args?.value) ?? 'is invalid'}`,
      },
    });
}

export const IsBusinessDate = (options?: ValidationOptions) =>
  fromPredicate(
    'isBusinessDate',
    (v) => (isBusinessDate(v) ? undefined : 'must be a real calendar date YYYY-MM-DD'),
    options,
  );

export const IsMonthString = (options?: ValidationOptions) =>
  fromPredicate('isMonth', (v) => (isMonth(v) ? undefined : 'must be a month YYYY-MM'), {
    each: true,
    ...options,
  });

export const IsCreditCode = (options?: ValidationOptions) =>
  fromPredicate(
    'isCreditCode',
    (v) =>
      typeof v !== 'string'
        ? 'must be an 18-character unified social credit code'
        : creditCodeProblem(v)
          ? `is not a valid unified social credit code: ${creditCodeProblem(v)}`
          : undefined,
    options,
  );

export const IsResidentId = (options?: ValidationOptions) =>
  fromPredicate(
    'isResidentId',
    (v) =>
      typeof v !== 'string'
        ? 'must be an 18-character resident ID number'
        : residentIdProblem(normaliseResidentId(v))
          ? `is not a valid resident ID number: ${residentIdProblem(normaliseResidentId(v))}`
          : undefined,
    options,
  );

/** Amounts: whole fen, never negative, never beyond what an integer holds exactly. */
export const IsFen = (options?: ValidationOptions) =>
  fromPredicate(
    'isFen',
    (v) =>
      typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
        ? undefined
        : 'must be a non-negative whole number of fen',
    options,
  );
