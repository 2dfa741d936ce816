import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TIERS } from '../../domain/certification/tier';

/** A webhook subscription (its secret is shown once, when it is created). */
export class WebhookSchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uri', example: 'https://portal.example.gov.cn/hooks/sme-ladder' })
  url!: string;
  @ApiProperty({ type: [String], example: ['application.returned', 'application.certified'] })
  events!: string[];
  @ApiPropertyOptional({ enum: TIERS, isArray: true }) tiers?: string[];
  @ApiPropertyOptional({ example: '130000', description: 'Only events of this region (prefix)' })
  regionCode?: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({ description: 'whsec_…: shown only in the answer to its creation' })
  secret?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() disabled!: boolean;
}

export class DeliveryAttemptSchema {
  @ApiProperty({ type: 'integer' }) attempt!: number;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ type: 'integer' }) responseStatus?: number;
  @ApiProperty({ type: 'integer' }) latencyMs!: number;
  @ApiPropertyOptional() error?: string;
}

/** One event's delivery to one subscription, with every attempt. */
export class DeliverySchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The event id (Webhook-Id)' }) eventId!: string;
  @ApiProperty({ example: 'application.returned' }) eventType!: string;
  @ApiProperty({ type: 'integer' }) attempt!: number;
  @ApiProperty({ enum: ['pending', 'delivering', 'delivered', 'failed', 'dead'] }) status!: string;
  @ApiPropertyOptional({ type: 'integer' }) responseStatus?: number;
  @ApiPropertyOptional({ type: 'integer' }) latencyMs?: number;
  @ApiPropertyOptional({ format: 'date-time' }) nextAttemptAt?: string;
  @ApiPropertyOptional() lastError?: string;
  @ApiPropertyOptional({ format: 'date-time' }) deliveredAt?: string;
  @ApiProperty({ type: [DeliveryAttemptSchema] }) attempts!: DeliveryAttemptSchema[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
