import { ApiProperty } from '@nestjs/swagger';
import { EXAMPLE_POLICY_VERSION } from '../../ledger-core/shared-responses.dto';
import { ApiBusinessDate, ApiTimestamp } from '../../platform/openapi/api-fields.decorators';

const EXAMPLE_HASH = '940f58aeb816a8fcdfe5f1175a27fdb0f79c1b42e4492778f4514b4b80add834';

/** One stored event as an auditor reads it (API.md "Audit"): ID numbers masked. */
export class AuditEventDto {
  @ApiProperty({ type: 'integer', example: 1, description: 'Global position' })
  position!: number;

  @ApiProperty({ example: 'enterprise-911402000000000192' })
  stream!: string;

  @ApiProperty({ type: 'integer', example: 0 })
  revision!: number;

  @ApiProperty({ example: 'EnterpriseRegistered' })
  type!: string;

  @ApiProperty({ type: 'integer', example: 1 })
  schemaVersion!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {
      enterpriseId: '911402000000000192',
      name: '大同云呼叫有限公司',
      industry: 'call',
      seats: 300,
      registeredOn: '2023-01-05',
    },
    description: "The event's data, as `type` and `schemaVersion` define it; ID numbers masked",
  })
  data!: Record<string, unknown>;

  @ApiProperty({ example: 'rita' })
  actor!: string;

  @ApiProperty({ example: 'reviewer' })
  role!: string;

  @ApiBusinessDate({ example: '2023-01-05' })
  businessDate!: string;

  @ApiTimestamp()
  recordedAt!: string;

  @ApiProperty({ type: 'string', nullable: true, example: EXAMPLE_POLICY_VERSION })
  policyVersion!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: EXAMPLE_HASH })
  hash!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: '0'.repeat(64) })
  prevHash!: string | null;
}
