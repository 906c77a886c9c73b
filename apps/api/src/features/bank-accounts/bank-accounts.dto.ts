import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { NAME_MAX } from '../../ledger-core/dto-limits';
import { IsBusinessDate } from '../../ledger-core/ledger-validators';
import {
  ApiBusinessDate,
  ApiCreditCode,
  ApiPosition,
  ApiUuid,
} from '../../platform/openapi/api-fields.decorators';

const CNAPS = '^\\d{12}$';
const ACCOUNT_NUMBER = '^\\d{8,32}$';
const MASKED_ACCOUNT_NUMBER = '^(\\d{8,32}|\\*{4,28}\\d{4})$';

export class VerifyBankAccountDto {
  @ApiProperty({
    example: '大同云呼叫有限公司',
    maxLength: NAME_MAX,
    description: "The account's name: must be the payee's registered name",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  accountName!: string;

  @ApiProperty({ pattern: ACCOUNT_NUMBER, example: '6222020200112233445' })
  @IsString()
  @Matches(new RegExp(ACCOUNT_NUMBER), { message: 'must be 8 to 32 digits' })
  accountNumber!: string;

  @ApiProperty({ example: '中国工商银行大同分行', maxLength: NAME_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  bankName!: string;

  @ApiProperty({
    pattern: CNAPS,
    example: '102162000015',
    description: 'CNAPS bank code (大额支付系统行号), 12 digits',
  })
  @IsString()
  @Matches(new RegExp(CNAPS), { message: 'must be a 12-digit CNAPS code' })
  bankCode!: string;

  @ApiBusinessDate({ description: 'The day the reviewer verified the account' })
  @IsBusinessDate()
  verifiedOn!: string;
}

export class BankAccountVerifiedDto {
  @ApiUuid()
  accountId!: string;

  @ApiPosition()
  position!: number;
}

export class BankAccountDto {
  @ApiUuid()
  accountId!: string;

  @ApiProperty({ example: '大同云呼叫有限公司' })
  accountName!: string;

  @ApiProperty({
    pattern: MASKED_ACCOUNT_NUMBER,
    example: '***************3445',
    description: 'In full for finance; the last four digits for everyone else',
  })
  accountNumber!: string;

  @ApiProperty({ example: '中国工商银行大同分行' })
  bankName!: string;

  @ApiProperty({ pattern: CNAPS, example: '102162000015' })
  bankCode!: string;

  @ApiBusinessDate()
  verifiedOn!: string;

  @ApiProperty({ example: 'rita' })
  verifiedBy!: string;
}

export class BankAccountsDto {
  @ApiCreditCode({ description: 'The enterprise or school (unified social credit code)' })
  payeeId!: string;

  @ApiProperty({ enum: ['enterprise', 'school'] })
  payeeKind!: 'enterprise' | 'school';

  @ApiProperty({
    type: BankAccountDto,
    required: false,
    description: 'The account payments go to now: the latest verified',
  })
  current?: BankAccountDto;

  @ApiProperty({ type: [BankAccountDto], description: 'Every account verified, oldest first' })
  history!: BankAccountDto[];
}
