import { getMetadataStorage, IsInt, IsOptional, IsString, MetadataStorage } from 'class-validator';
import { BalanceQueryDto } from '../../features/balances/balances.dto';
import { MinPositionQueryDto } from './min-position';
import { cacheValidationMetadataLookups } from './validation-metadata-cache';

class ParentDto {
  @IsString()
  name!: string;
}

class ChildDto extends ParentDto {
  @IsOptional()
  @IsInt()
  count?: number;
}

const uncached = (target: new () => object, ...rest: [string, boolean, boolean]) =>
  MetadataStorage.prototype.getTargetValidationMetadatas.call(
    getMetadataStorage(),
    target,
    ...rest,
    undefined,
  );

const constraintsOf = (target: new () => object) =>
  getMetadataStorage()
    .getTargetValidationMetadatas(target, '', false, false)
    .map((m) => `${m.propertyName}:${m.name ?? m.type}`)
    .sort();

describe('cacheValidationMetadataLookups', () => {
  beforeAll(() => cacheValidationMetadataLookups());

  it('given DTOs with inherited constraints, when looked up twice, then both answers are what class-validator computes', () => {
    for (const target of [ParentDto, ChildDto, BalanceQueryDto, MinPositionQueryDto]) {
      for (const always of [false, true]) {
        const expected = uncached(target, '', always, false);
        const storage = getMetadataStorage();
        const first = storage.getTargetValidationMetadatas(target, '', always, false);
        const second = storage.getTargetValidationMetadatas(target, '', always, false);
        expect(first).toEqual(expected);
        expect(second).toBe(first);
      }
    }
    expect(constraintsOf(BalanceQueryDto)).toEqual(
      expect.arrayContaining(['asKnownAt:isString', 'minPosition:isInt']),
    );
  });

  it('given a lookup remembered, when a decorator registers another constraint, then the next lookup has it', () => {
    expect(constraintsOf(ChildDto)).not.toContain('label:isString');
    IsString()(ChildDto.prototype, 'label');
    expect(constraintsOf(ChildDto)).toContain('label:isString');
    expect(constraintsOf(ChildDto)).toEqual(
      uncached(ChildDto, '', false, false)
        .map((m) => `${m.propertyName}:${m.name ?? m.type}`)
        .sort(),
    );
  });

  it('given the cache installed, when installed again, then lookups are not wrapped twice', () => {
    const lookUp = getMetadataStorage().getTargetValidationMetadatas;
    cacheValidationMetadataLookups();
    expect(getMetadataStorage().getTargetValidationMetadatas).toBe(lookUp);
  });
});
