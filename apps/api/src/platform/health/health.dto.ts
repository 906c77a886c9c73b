import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** One store's state in a health answer (terminus' shape). */
export class HealthIndicatorStateDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: string;

  @ApiPropertyOptional({ example: 'data/ledger.sqlite is missing' })
  message?: string;
}

const byStore = (example: Record<string, unknown>, description: string) => ({
  type: 'object' as const,
  additionalProperties: { $ref: getSchemaPath(HealthIndicatorStateDto) },
  example,
  description,
});

/** `/health`, `/health/live`, `/health/ready`: terminus' answer, naming each store. */
export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'], example: 'ok' })
  status!: string;

  @ApiProperty(byStore({ sqlite: { status: 'up' } }, 'Stores that are up'))
  info!: Record<string, HealthIndicatorStateDto>;

  @ApiProperty(byStore({}, 'Stores that are down, with why'))
  error!: Record<string, HealthIndicatorStateDto>;

  @ApiProperty(byStore({ sqlite: { status: 'up' } }, 'Every store checked'))
  details!: Record<string, HealthIndicatorStateDto>;
}
