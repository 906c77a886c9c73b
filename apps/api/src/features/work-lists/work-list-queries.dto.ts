import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  INTERNSHIP_APPLICATION_LIST_STATUSES,
  SEAT_APPLICATION_LIST_STATUSES,
  SITE_APPLICATION_LIST_STATUSES,
  TRANCHE_LIST_STATUSES,
} from '@ledger/projections';
import { IsBusinessDate, IsCreditCode } from '../../ledger-core/ledger-validators';
import { WorkListPagingDto } from '../../ledger-core/work-list-paging.dto';
import {
  CREDIT_CODE_PATTERN,
  DATE_PATTERN,
  EXAMPLE_CREDIT_CODE,
  EXAMPLE_DATE,
} from '../../platform/openapi';

export const PROGRAMMES = [
  'seat',
  'siteLease',
  'siteRenovation',
  'sitePurchase',
  'internship',
] as const;

const enterpriseIdFilter = {
  description: 'Only this enterprise (unified social credit code)',
  pattern: CREDIT_CODE_PATTERN,
  example: EXAMPLE_CREDIT_CODE,
};
const schoolIdFilter = {
  description: 'Only this school (unified social credit code)',
  pattern: CREDIT_CODE_PATTERN,
  example: EXAMPLE_CREDIT_CODE,
};
const asOfFilter = {
  description: 'Business date the status is computed on; defaults to today (Asia/Shanghai)',
  format: 'date',
  pattern: DATE_PATTERN,
  example: EXAMPLE_DATE,
};

export class EnterpriseListQueryDto extends WorkListPagingDto {
  @ApiPropertyOptional({
    description: 'A part of the name or of the credit code',
    maxLength: 100,
    example: '大同',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Suspended by a fraud case' })
  @IsOptional()
  @IsIn(['true', 'false'])
  suspended?: 'true' | 'false';
}

export class SeatApplicationListQueryDto extends WorkListPagingDto {
  @ApiPropertyOptional({ enum: SEAT_APPLICATION_LIST_STATUSES })
  @IsOptional()
  @IsIn(SEAT_APPLICATION_LIST_STATUSES)
  status?: (typeof SEAT_APPLICATION_LIST_STATUSES)[number];

  @ApiPropertyOptional(enterpriseIdFilter)
  @IsOptional()
  @IsCreditCode()
  enterpriseId?: string;
}

export class SiteApplicationListQueryDto extends WorkListPagingDto {
  @ApiPropertyOptional({ enum: SITE_APPLICATION_LIST_STATUSES })
  @IsOptional()
  @IsIn(SITE_APPLICATION_LIST_STATUSES)
  status?: (typeof SITE_APPLICATION_LIST_STATUSES)[number];

  @ApiPropertyOptional(enterpriseIdFilter)
  @IsOptional()
  @IsCreditCode()
  enterpriseId?: string;
}

export class InternshipApplicationListQueryDto extends WorkListPagingDto {
  @ApiPropertyOptional({ enum: INTERNSHIP_APPLICATION_LIST_STATUSES })
  @IsOptional()
  @IsIn(INTERNSHIP_APPLICATION_LIST_STATUSES)
  status?: (typeof INTERNSHIP_APPLICATION_LIST_STATUSES)[number];

  @ApiPropertyOptional(schoolIdFilter)
  @IsOptional()
  @IsCreditCode()
  schoolId?: string;
}

export class TrancheListQueryDto extends WorkListPagingDto {
  @ApiPropertyOptional({
    enum: TRANCHE_LIST_STATUSES,
    description:
      '`payable`: on a notice that ended before `asOf`, not paid; `in-publicity`: on a notice ' +
      'running on `asOf`; `in-batch`: in an open payment batch, not paid; `returned`: its last payment ' +
      'came back (退票) and it is not paid again (also listed as payable, in-batch, …); `payable` ' +
      'leaves out tranches an undecided or unapplied objection on their notice holds (R-PUB)',
  })
  @IsOptional()
  @IsIn(TRANCHE_LIST_STATUSES)
  status?: (typeof TRANCHE_LIST_STATUSES)[number];

  @ApiPropertyOptional({ enum: PROGRAMMES })
  @IsOptional()
  @IsIn(PROGRAMMES)
  programme?: (typeof PROGRAMMES)[number];

  @ApiPropertyOptional(enterpriseIdFilter)
  @IsOptional()
  @IsCreditCode()
  enterpriseId?: string;

  @ApiPropertyOptional(schoolIdFilter)
  @IsOptional()
  @IsCreditCode()
  schoolId?: string;

  @ApiPropertyOptional(asOfFilter)
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
}

export class PublicityListQueryDto extends WorkListPagingDto {
  @ApiPropertyOptional({
    enum: ['open', 'ended'],
    description: '`ended`: the last day is before `asOf`',
  })
  @IsOptional()
  @IsIn(['open', 'ended'])
  status?: 'open' | 'ended';

  @ApiPropertyOptional(asOfFilter)
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
}

export class CaseListQueryDto extends WorkListPagingDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  @ApiPropertyOptional(enterpriseIdFilter)
  @IsOptional()
  @IsCreditCode()
  enterpriseId?: string;

  @ApiPropertyOptional(schoolIdFilter)
  @IsOptional()
  @IsCreditCode()
  schoolId?: string;
}
