import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EXAMPLE_APPLICATION_ID,
  EXAMPLE_CLAIM_ID,
  EXAMPLE_TRANCHE_ID,
  PositionDto,
  PROGRAMMES,
} from '../../ledger-core/shared-responses.dto';
import {
  ApiBusinessDate,
  ApiCreditCode,
  ApiFen,
  ApiMaskedResidentId,
  ApiUuid,
} from '../../platform/openapi/api-fields.decorators';

/** What the publicity routes answer (API.md "Seat subsidy", R-PUB). */
export class OpenPublicityResultDto extends PositionDto {
  @ApiUuid()
  publicityId!: string;
}

export class RaiseObjectionResultDto extends PositionDto {
  @ApiUuid()
  objectionId!: string;
}

export class ResolveObjectionResultDto extends PositionDto {
  @ApiUuid()
  objectionId!: string;

  @ApiProperty({ example: true })
  upheld!: boolean;

  @ApiFen({ description: 'Taken out of its tranche by an upheld objection', example: 250_000 })
  withdrawnFen!: number;
}

export class NoticeTrancheDto {
  @ApiProperty({ example: EXAMPLE_TRANCHE_ID })
  trancheId!: string;

  @ApiProperty({ example: EXAMPLE_APPLICATION_ID })
  applicationId!: string;

  @ApiCreditCode({ required: false })
  enterpriseId?: string;

  @ApiCreditCode({ required: false, example: '911402000000930164' })
  schoolId?: string;

  @ApiPropertyOptional({ enum: PROGRAMMES, example: 'seat' })
  programme?: string;
}

/** The standard a notice entry is paid under, as the 公示 prints it. */
export class NoticeStandardDto {
  @ApiProperty({ example: '坐席补贴 2,500元/席/次' })
  text!: string;

  @ApiFen({ required: false, example: 250_000, description: 'Rate per unit' })
  rateFen?: number;

  @ApiProperty({ example: '席/次' })
  unit!: string;

  @ApiPropertyOptional({ type: 'integer', example: 3000, description: 'A share, in 1/10,000' })
  rateBasisPoints?: number;

  @ApiFen({ required: false, example: 500_000_000 })
  capFen?: number;
}

export class NoticeEntryDto {
  @ApiProperty({ example: EXAMPLE_TRANCHE_ID })
  trancheId!: string;

  @ApiProperty({ example: EXAMPLE_CLAIM_ID })
  claimId!: string;

  @ApiProperty({ enum: PROGRAMMES, example: 'seat' })
  programme!: string;

  @ApiCreditCode({ required: false })
  enterpriseId?: string;

  @ApiPropertyOptional({ example: '大同云呼叫有限公司' })
  enterpriseName?: string;

  @ApiPropertyOptional({ example: '大同职业技术学院' })
  schoolName?: string;

  @ApiPropertyOptional({ example: '张三' })
  personName?: string;

  @ApiMaskedResidentId({ required: false, description: 'Always masked: the notice is public' })
  personIdMasked?: string;

  @ApiProperty({ type: NoticeStandardDto })
  standard!: NoticeStandardDto;

  @ApiFen()
  amountFen!: number;
}

export class ObjectionViewDto {
  @ApiUuid()
  objectionId!: string;

  @ApiBusinessDate({ example: '2023-03-12' })
  raisedOn!: string;

  @ApiPropertyOptional({ example: EXAMPLE_CLAIM_ID })
  claimId?: string;

  @ApiProperty({
    example: '举报人称 140202********0119 已于 2023 年离职',
    description: 'ID numbers masked',
  })
  text!: string;

  @ApiProperty({ example: 'open', description: '`open`, `upheld` or `dismissed`' })
  status!: string;

  @ApiBusinessDate({ required: false, example: '2023-03-14' })
  resolvedOn?: string;

  @ApiPropertyOptional({ example: '经核实 140202********0119 全年在岗' })
  reason?: string;
}

export class PublicityViewDto {
  @ApiUuid()
  publicityId!: string;

  @ApiBusinessDate({ example: '2023-03-11' })
  startsOn!: string;

  @ApiBusinessDate({ example: '2023-03-17' })
  endsOn!: string;

  @ApiPropertyOptional({ example: 'https://www.dt.gov.cn/gsgg/2023/0316.html' })
  publishedAt?: string;

  @ApiProperty({ type: [NoticeTrancheDto] })
  tranches!: NoticeTrancheDto[];

  @ApiProperty({ type: [NoticeEntryDto] })
  entries!: NoticeEntryDto[];

  @ApiProperty({ type: [ObjectionViewDto] })
  objections!: ObjectionViewDto[];

  @ApiProperty({ type: 'integer', example: 29, description: 'Log position the view reflects' })
  lastPosition!: number;

  @ApiProperty({ type: [String], example: [EXAMPLE_TRANCHE_ID], description: 'Tranches linked' })
  linked!: string[];

  @ApiProperty({ type: [String], example: [], description: 'Tranches that could not be linked' })
  notLinked!: string[];
}
