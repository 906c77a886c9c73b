import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EXAMPLE_POLICY_VERSION, PositionDto } from '../../ledger-core/shared-responses.dto';
import {
  ApiBusinessDate,
  ApiCreditCode,
  ApiUuid,
} from '../../platform/openapi/api-fields.decorators';

/** What the policy and special-terms routes answer (R-POL, R-SPECIAL). */
const EXAMPLE_PARAMETERS = {
  trialFrom: '2022-12-23',
  trialTo: '2023-12-22',
  seat: { minSeats: 200, trancheFen: 250_000, personCapFen: 1_000_000 },
  publicity: { minDays: 7 },
};

export class PolicyVersionDto {
  @ApiProperty({ example: EXAMPLE_POLICY_VERSION })
  id!: string;

  @ApiProperty({ example: '大同市促进数据呼叫（标注）产业发展的若干政策 (issued 2022-11-23)' })
  title!: string;

  @ApiBusinessDate({ example: '2022-12-23' })
  effectiveFrom!: string;

  @ApiBusinessDate({ example: '2022-12-23' })
  validFrom!: string;

  @ApiBusinessDate({ example: '2023-12-22', nullable: true, description: 'null: open-ended' })
  validTo!: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: EXAMPLE_PARAMETERS,
    description:
      'Every parameter of the version, grouped by programme (seat, publicity, effectiveSeat, site, internship, special); amounts in integer fen, shares in basis points',
  })
  parameters!: Record<string, unknown>;
}

export class PoliciesDto {
  @ApiProperty({ type: [PolicyVersionDto] })
  policies!: PolicyVersionDto[];

  @ApiProperty({ type: [String], example: ['seat.minSeats'] })
  overridableBySpecialTerms!: string[];
}

export class SpecialTermsResultDto extends PositionDto {
  @ApiUuid()
  termsId!: string;

  @ApiProperty({ example: 'proposed', description: '`proposed` or `confirmed`' })
  status!: string;
}

export class SpecialTermsViewDto {
  @ApiUuid()
  termsId!: string;

  @ApiProperty({ example: 'confirmed', description: '`proposed` or `confirmed`' })
  status!: string;

  @ApiProperty({ example: '同政办函〔2023〕12号' })
  documentRef!: string;

  @ApiProperty({ example: 'top-enterprise' })
  basis!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { site: { renovationCapFen: 800_000_000, purchaseFenPerM2: 33_333 } },
    description: 'Policy parameters this enterprise gets instead, as in `parameters`',
  })
  overrides!: Record<string, unknown>;

  @ApiBusinessDate({ example: '2023-01-01' })
  validFrom!: string;

  @ApiBusinessDate({ example: '2027-12-31' })
  validTo!: string;

  @ApiBusinessDate({ example: '2023-01-02' })
  proposedOn!: string;

  @ApiProperty({ example: 'rita' })
  proposedBy!: string;

  @ApiPropertyOptional({ example: 'Art. 14: Top 500, 600-seat self-built site' })
  note?: string;

  @ApiBusinessDate({ required: false, example: '2023-01-03' })
  confirmedOn?: string;

  @ApiPropertyOptional({ example: 'fay' })
  confirmedBy?: string;
}

export class SpecialTermsListDto {
  @ApiCreditCode()
  enterpriseId!: string;

  @ApiProperty({ type: [SpecialTermsViewDto] })
  terms!: SpecialTermsViewDto[];
}
