import { ApiProperty } from '@nestjs/swagger';
import { EXAMPLE_TIMESTAMP, EXAMPLE_UUID } from '../../platform/openapi';

export class VerificationStartedDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_UUID }) verificationId!: string;
}

export class VerificationProgressDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 5400 }) eventsChecked!: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 12000,
    description: 'The head position when the run started (0 until the worker has read it)',
  })
  eventsTotal!: number;
}

export class VerificationRunDto {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_UUID }) verificationId!: string;
  @ApiProperty({ enum: ['running', 'passed', 'failed'], example: 'passed' }) status!: string;
  @ApiProperty({ type: VerificationProgressDto }) progress!: VerificationProgressDto;
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIMESTAMP }) startedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, example: EXAMPLE_TIMESTAMP })
  finishedAt!: string | null;
  @ApiProperty({ example: 'al' }) startedBy!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      'The JSON report of `npm run ledger -- verify` (ok, events, hashChain, invariants, ' +
      'readModels, problems, logRoot…); `{error}` when the run itself broke; null while running',
    example: { ok: true, events: 12000, firstBadPosition: null, problemCount: 0 },
  })
  report!: object | null;
}
