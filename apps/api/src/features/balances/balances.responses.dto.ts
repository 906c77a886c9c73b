import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FundsDto } from '../../ledger-core/shared-responses.dto';
import {
  ApiBusinessDate,
  ApiCreditCode,
  ApiFen,
  ApiMaskedResidentId,
  ApiTimestamp,
  ApiUuid,
} from '../../platform/openapi/api-fields.decorators';

/** What the balance routes answer (API.md "Balances", R-SEAT-7). */
export class EnterpriseProgrammesDto {
  @ApiPropertyOptional({ type: FundsDto })
  seat?: FundsDto;

  @ApiPropertyOptional({ type: FundsDto })
  siteLease?: FundsDto;

  @ApiPropertyOptional({ type: FundsDto })
  siteRenovation?: FundsDto;

  @ApiPropertyOptional({ type: FundsDto })
  sitePurchase?: FundsDto;
}

export class EnterpriseBalanceDto {
  @ApiCreditCode()
  enterpriseId!: string;

  @ApiBusinessDate({ description: 'Business date the balance is for' })
  asOf!: string;

  @ApiTimestamp({ required: false, description: 'What the ledger knew at this recorded time' })
  asKnownAt?: string;

  @ApiProperty({ type: EnterpriseProgrammesDto })
  programmes!: EnterpriseProgrammesDto;

  @ApiProperty({ type: FundsDto })
  totals!: FundsDto;
}

export class SchoolProgrammesDto {
  @ApiPropertyOptional({ type: FundsDto })
  internship?: FundsDto;
}

export class SchoolBalanceDto {
  @ApiCreditCode({ example: '911402000000930164' })
  schoolId!: string;

  @ApiBusinessDate()
  asOf!: string;

  @ApiTimestamp({ required: false })
  asKnownAt?: string;

  @ApiProperty({ type: SchoolProgrammesDto })
  programmes!: SchoolProgrammesDto;

  @ApiProperty({ type: FundsDto })
  totals!: FundsDto;
}

export class EnterpriseCapUseDto {
  @ApiCreditCode()
  enterpriseId!: string;

  @ApiFen({ example: 750_000 })
  usedFen!: number;
}

export class PersonCapDto {
  @ApiMaskedResidentId()
  personIdMasked!: string;

  @ApiFen({ example: 1_000_000, description: 'R-SEAT-5: seat subsidy per person, all employers' })
  capFen!: number;

  @ApiFen({ example: 750_000 })
  usedFen!: number;

  @ApiFen({ example: 250_000 })
  remainingFen!: number;

  @ApiProperty({ type: [EnterpriseCapUseDto] })
  byEnterprise!: EnterpriseCapUseDto[];

  @ApiBusinessDate({ required: false })
  asOf?: string;

  @ApiTimestamp({ required: false })
  asKnownAt?: string;
}

export class ComplianceDto {
  @ApiCreditCode()
  enterpriseId!: string;

  @ApiBusinessDate()
  asOf!: string;

  @ApiProperty({ example: 'R-SEAT-7' })
  rule!: string;

  @ApiFen({ example: 750_000, description: 'Seat subsidy kept: paid less due back' })
  seatReceivedFen!: number;

  @ApiFen({ example: 1_250_000 })
  seatDisbursedFen!: number;

  @ApiFen({ example: 500_000 })
  seatClawbackDueFen!: number;

  @ApiFen({ example: 100_000 })
  educationFen!: number;

  @ApiFen({ example: 300_000 })
  otherFen!: number;

  @ApiProperty({ type: 'integer', example: 2000 })
  minimumShareBasisPoints!: number;

  @ApiProperty({ type: 'integer', example: 1333 })
  educationShareBasisPoints!: number;

  @ApiProperty({ example: '0.1333', description: 'Education share as a decimal string' })
  educationShare!: string;

  @ApiProperty({ example: true })
  belowMinimum!: boolean;

  @ApiProperty({ type: 'integer', example: 1, description: 'Fund-use reports counted' })
  reports!: number;
}

export class CaseSummaryDto {
  @ApiUuid()
  caseId!: string;

  @ApiBusinessDate({ example: '2024-03-01' })
  openedOn!: string;

  @ApiProperty({ example: 'tip: P1 never worked at A' })
  reason!: string;

  @ApiProperty({ example: 'closed', description: '`open` or `closed`' })
  status!: string;

  @ApiPropertyOptional({ example: 'upheld', description: '`upheld` or `dismissed`' })
  outcome?: string;

  @ApiBusinessDate({ required: false, example: '2024-05-15' })
  closedOn?: string;

  @ApiProperty({ type: 'integer', example: 1 })
  falseClaims!: number;

  @ApiFen({ example: 500_000 })
  clawbackDueFen!: number;

  @ApiFen({ example: 500_000 })
  recoveredFen!: number;
}

export class PerformanceDto {
  @ApiCreditCode()
  enterpriseId!: string;

  @ApiBusinessDate()
  asOf!: string;

  @ApiProperty({ type: 'integer', example: 1 })
  casesOpened!: number;

  @ApiProperty({ type: 'integer', example: 0 })
  casesOpen!: number;

  @ApiProperty({ type: 'integer', example: 1 })
  casesUpheld!: number;

  @ApiProperty({ type: 'integer', example: 0 })
  casesDismissed!: number;

  @ApiProperty({ type: 'integer', example: 1 })
  falseClaims!: number;

  @ApiFen({ example: 500_000 })
  clawbackDueFen!: number;

  @ApiFen({ example: 500_000 })
  recoveredFen!: number;

  @ApiFen({ example: 0 })
  outstandingFen!: number;

  @ApiProperty({ type: [CaseSummaryDto] })
  cases!: CaseSummaryDto[];

  @ApiProperty({ example: false })
  suspended!: boolean;

  @ApiProperty({ type: [String], example: [], description: 'Cases that suspend the enterprise' })
  suspendedBy!: string[];

  @ApiProperty({ type: ComplianceDto })
  compliance!: ComplianceDto;
}
