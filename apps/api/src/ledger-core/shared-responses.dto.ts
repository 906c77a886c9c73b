import { ApiProperty } from '@nestjs/swagger';
import {
  ApiBusinessDate,
  ApiCreditCode,
  ApiFen,
  ApiMonths,
  ApiPosition,
  ApiUuid,
} from '../platform/openapi/api-fields.decorators';

/**
 * Answer parts that several features share (API.md): what a command wrote, a
 * tranche's notice and payment, a refusal, the four sums of a balance.
 */
export const PROGRAMMES = ['seat', 'siteLease', 'siteRenovation', 'sitePurchase', 'internship'];
export const EXAMPLE_CLAIM_ID = '3f2c1a4e-8d6b-4c2a-9e1f-5b7d0a6c4e21.c1';
export const EXAMPLE_TRANCHE_ID = '3f2c1a4e-8d6b-4c2a-9e1f-5b7d0a6c4e21.t1';
export const EXAMPLE_APPLICATION_ID = '3f2c1a4e-8d6b-4c2a-9e1f-5b7d0a6c4e21';
export const EXAMPLE_POLICY_VERSION = 'datong-2022';
export const EXAMPLE_BANK_REF = 'ICBC-2023-000123';

/** A command that answers only where its write landed. */
export class PositionDto {
  @ApiPosition()
  position!: number;
}

export class MonthConflictDto {
  @ApiProperty({ example: '6a7647c0-c993-4109-b63b-282c47259777.c1' })
  claimId!: string;

  @ApiCreditCode()
  enterpriseId!: string;

  @ApiMonths()
  months!: string[];
}

/** A claim (or intern, or seat) that a rule refused. */
export class RefusedClaimDto {
  @ApiProperty({ example: EXAMPLE_CLAIM_ID })
  claimId!: string;

  @ApiProperty({ example: 'R-SEAT-5' })
  rule!: string;

  @ApiProperty({ example: 'the person has reached the cap of 1000000 fen across all employers' })
  reason!: string;
}

export class ClaimAmountDto {
  @ApiProperty({ example: EXAMPLE_CLAIM_ID })
  claimId!: string;

  @ApiFen()
  amountFen!: number;
}

/** The notice a tranche was published in (R-PUB). */
export class PublicityRefDto {
  @ApiUuid()
  publicityId!: string;

  @ApiBusinessDate({ example: '2023-03-11' })
  startsOn!: string;

  @ApiBusinessDate({ example: '2023-03-17' })
  endsOn!: string;
}

/** The payment of a tranche. */
export class DisbursementRefDto {
  @ApiUuid()
  disbursementId!: string;

  @ApiBusinessDate({ example: '2023-03-20' })
  paidOn!: string;

  @ApiFen()
  amountFen!: number;

  @ApiProperty({ example: EXAMPLE_BANK_REF })
  bankRef!: string;
}

/** The four sums of a balance, for one programme or in total. */
export class FundsDto {
  @ApiFen({ description: 'Approved in tranches (cancelled amounts excluded)' })
  approvedFen!: number;

  @ApiFen({ description: 'Paid out' })
  disbursedFen!: number;

  @ApiFen({ description: 'Paid amounts found false: due back', example: 0 })
  clawbackDueFen!: number;

  @ApiFen({ description: 'Recovered of what was due back', example: 0 })
  recoveredFen!: number;
}

/** Outstanding clawbacks by age (days since due). */
export class AgeingBucketsDto {
  @ApiFen({ example: 350_000 })
  outstandingFen!: number;

  @ApiFen({ example: 0 })
  days0to30Fen!: number;

  @ApiFen({ example: 350_000 })
  days31to90Fen!: number;

  @ApiFen({ example: 0 })
  days91to365Fen!: number;

  @ApiFen({ example: 0 })
  over365DaysFen!: number;
}

/** One party's ageing: buckets, how many clawbacks, since when. */
export class PartyAgeingDto extends AgeingBucketsDto {
  @ApiProperty({ type: 'integer', example: 2, description: 'Clawbacks outstanding' })
  clawbacks!: number;

  @ApiBusinessDate({ required: false, example: '2024-03-10', nullable: true })
  oldestDueSince?: string | null;
}
