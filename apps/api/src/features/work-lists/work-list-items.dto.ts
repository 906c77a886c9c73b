import { ApiProperty } from '@nestjs/swagger';
import { ApiBusinessDate, ApiCreditCode, ApiFen, EXAMPLE_UUID } from '../../platform/openapi';
import { PROGRAMMES } from './work-list-queries.dto';

const NEXT_CURSOR = {
  type: 'string',
  nullable: true,
  description: 'Pass as `?cursor=` for the next page; null on the last page',
  example: 'WyIiLCIwMDAwMDAwMDAwMDAwMDQyXHRhYmMiXQ',
} as const;
const optionalCredit = { nullable: true, required: true } as const;
const nullableDate = { nullable: true, required: true } as const;

export class EnterpriseListItemDto {
  @ApiCreditCode() enterpriseId!: string;
  @ApiCreditCode() creditCode!: string;
  @ApiProperty({ example: '大同云呼科技有限公司' }) name!: string;
  @ApiProperty({ enum: ['call', 'annotation'] }) industry!: string;
  @ApiProperty({ type: 'integer', example: 300 }) seats!: number;
  @ApiBusinessDate() registeredOn!: string;
  @ApiProperty({ example: false }) suspended!: boolean;
  @ApiProperty({ type: [String], description: 'Cases whose suspension holds', example: [] })
  suspendedBy!: string[];
}

export class EnterpriseListPageDto {
  @ApiProperty({ type: [EnterpriseListItemDto] }) items!: EnterpriseListItemDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor!: string | null;
}

export class SeatApplicationListItemDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_UUID }) applicationId!: string;
  @ApiCreditCode() enterpriseId!: string;
  @ApiBusinessDate() submittedOn!: string;
  @ApiProperty({ type: 'integer', example: 210 }) claimCount!: number;
  @ApiProperty({ enum: ['submitted', 'reviewed', 'partly-paid', 'paid'] }) status!: string;
  @ApiBusinessDate(nullableDate) reviewedOn!: string | null;
  @ApiProperty({ type: 'array', items: { type: 'integer' }, example: [1, 2] })
  tranchesApproved!: number[];
  @ApiProperty({ type: 'array', items: { type: 'integer' }, example: [1] })
  tranchesPaid!: number[];
  @ApiFen({ description: 'Approved over every tranche, integer fen' }) approvedFen!: number;
  @ApiFen({ description: 'Paid over every tranche, integer fen' }) paidFen!: number;
}

export class SeatApplicationListPageDto {
  @ApiProperty({ type: [SeatApplicationListItemDto] }) items!: SeatApplicationListItemDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor!: string | null;
}

export class SiteApplicationListItemDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_UUID }) applicationId!: string;
  @ApiCreditCode() enterpriseId!: string;
  @ApiProperty({ enum: ['lease', 'renovation', 'purchase'] }) kind!: string;
  @ApiBusinessDate() submittedOn!: string;
  @ApiProperty({ example: '大同市平城区魏都大道 1 号' }) address!: string;
  @ApiFen({ nullable: true, description: 'Renovation and purchase: the total decided' })
  totalFen!: number | null;
  @ApiProperty({ enum: ['submitted', 'approved', 'partly-paid', 'paid'] }) status!: string;
  @ApiProperty({ type: 'integer', example: 1 }) tranchesApproved!: number;
  @ApiProperty({ type: 'integer', example: 0 }) tranchesPaid!: number;
  @ApiFen() approvedFen!: number;
  @ApiFen() paidFen!: number;
}

export class SiteApplicationListPageDto {
  @ApiProperty({ type: [SiteApplicationListItemDto] }) items!: SiteApplicationListItemDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor!: string | null;
}

export class InternshipApplicationListItemDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_UUID }) applicationId!: string;
  @ApiCreditCode() schoolId!: string;
  @ApiProperty({ type: 'integer', example: 2023 }) year!: number;
  @ApiBusinessDate() submittedOn!: string;
  @ApiProperty({ type: 'integer', example: 60 }) internsSent!: number;
  @ApiProperty({ type: 'integer', example: 40 }) retained!: number;
  @ApiProperty({ enum: ['submitted', 'approved', 'paid'] }) status!: string;
  @ApiFen() approvedFen!: number;
  @ApiFen() paidFen!: number;
}

export class InternshipApplicationListPageDto {
  @ApiProperty({ type: [InternshipApplicationListItemDto] })
  items!: InternshipApplicationListItemDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor!: string | null;
}

export class TranchePayeeDto {
  @ApiProperty({ enum: ['enterprise', 'school'] }) kind!: string;
  @ApiCreditCode() id!: string;
  @ApiProperty({ type: String, nullable: true, example: '大同云呼科技有限公司' }) name!:
    string | null;
}

export class TrancheNoticeDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_UUID }) noticeId!: string;
  @ApiBusinessDate() startsOn!: string;
  @ApiBusinessDate({ description: 'The last day of the notice (inclusive)' }) endsOn!: string;
}

export class TrancheBatchRefDto {
  @ApiProperty({ example: '3f1c0a9b7e2d4c5a8b6f0e1d' }) batchId!: string;
  @ApiProperty({ example: '3f1c0a9b7e2d4c5a8b6f0e1d-1' }) itemId!: string;
}

export class TrancheReturnDto {
  @ApiProperty({ example: '3f1c0a9b7e2d4c5a8b6f0e1d-1' }) disbursementId!: string;
  @ApiBusinessDate() returnedOn!: string;
  @ApiProperty({ example: 'ICBC-2023-R-000045' }) bankRef!: string;
  @ApiProperty({ example: '收款账户已销户' }) reason!: string;
}

export class TrancheListItemDto {
  @ApiProperty({ example: `${EXAMPLE_UUID}.t1` }) trancheId!: string;
  @ApiProperty({ example: EXAMPLE_UUID }) applicationId!: string;
  @ApiProperty({ enum: PROGRAMMES }) programme!: string;
  @ApiProperty({
    type: 'integer',
    example: 1,
    description: 'Seat tranche 1–4, site year 1–5 (1 for renovation), 1 for internship',
  })
  tranche!: number;
  @ApiProperty({ type: TranchePayeeDto }) payee!: TranchePayeeDto;
  @ApiCreditCode(optionalCredit) enterpriseId!: string | null;
  @ApiCreditCode(optionalCredit) schoolId!: string | null;
  @ApiFen({ description: 'What the tranche pays (less withdrawn claims), integer fen' })
  amountFen!: number;
  @ApiProperty({
    enum: ['approved', 'in-publicity', 'payable', 'in-batch', 'paid', 'returned', 'cancelled'],
  })
  status!: string;
  @ApiBusinessDate() approvedOn!: string;
  @ApiProperty({ type: TrancheNoticeDto, nullable: true }) publicity!: TrancheNoticeDto | null;
  @ApiBusinessDate(nullableDate) paidOn!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'ICBC-2023-000123' }) bankRef!:
    string | null;
  @ApiProperty({ type: String, nullable: true, example: EXAMPLE_UUID }) disbursementId!:
    string | null;
  @ApiProperty({ example: false }) foundFalse!: boolean;
  @ApiProperty({
    type: TrancheBatchRefDto,
    nullable: true,
    description: 'The open payment batch holding the tranche (in-batch)',
  })
  batch!: TrancheBatchRefDto | null;
  @ApiProperty({
    type: TrancheReturnDto,
    nullable: true,
    description: 'The last payment the bank sent back (退票); kept once paid again',
  })
  lastReturn!: TrancheReturnDto | null;
  @ApiProperty({
    example: false,
    description: 'R-PUB: an objection on its notice holds its payment (not payable until decided)',
  })
  heldByObjection!: boolean;
}

export class TrancheListPageDto {
  @ApiProperty({ type: [TrancheListItemDto] }) items!: TrancheListItemDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor!: string | null;
}

export class NoticeHoldDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_UUID }) objectionId!: string;
  @ApiProperty({ type: String, nullable: true, example: `${EXAMPLE_UUID}.t1` }) trancheId!:
    string | null;
}

export class PublicityListItemDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_UUID }) publicityId!: string;
  @ApiBusinessDate() startsOn!: string;
  @ApiBusinessDate() endsOn!: string;
  @ApiProperty({ type: String, nullable: true, example: '大同市人社局网站' }) publishedAt!:
    string | null;
  @ApiProperty({ type: [String], example: [`${EXAMPLE_UUID}.t1`] }) trancheIds!: string[];
  @ApiProperty({ type: 'integer', example: 210 }) entryCount!: number;
  @ApiFen() totalFen!: number;
  @ApiProperty({ type: 'integer', example: 0 }) openObjections!: number;
  @ApiProperty({
    type: [NoticeHoldDto],
    required: false,
    description:
      'R-PUB: objections holding payment now, each naming its tranche (null: the whole notice)',
  })
  holds?: NoticeHoldDto[];
  @ApiProperty({ enum: ['open', 'ended'] }) status!: string;
}

export class PublicityListPageDto {
  @ApiProperty({ type: [PublicityListItemDto] }) items!: PublicityListItemDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor!: string | null;
}

export class CaseListItemDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_UUID }) caseId!: string;
  @ApiCreditCode(optionalCredit) enterpriseId!: string | null;
  @ApiCreditCode(optionalCredit) schoolId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '大同云呼科技有限公司' }) partyName!:
    string | null;
  @ApiBusinessDate() openedOn!: string;
  @ApiProperty({ description: 'ID numbers in it masked', example: 'spot check' }) reason!: string;
  @ApiProperty({ example: true }) suspend!: boolean;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiBusinessDate(nullableDate) closedOn!: string | null;
  @ApiProperty({ nullable: true, enum: ['upheld', 'dismissed'] }) outcome!: string | null;
  @ApiProperty({ type: 'integer', example: 1 }) findings!: number;
  @ApiFen() clawbackDueFen!: number;
  @ApiFen() recoveredFen!: number;
}

export class CaseListPageDto {
  @ApiProperty({ type: [CaseListItemDto] }) items!: CaseListItemDto[];
  @ApiProperty(NEXT_CURSOR) nextCursor!: string | null;
}
