import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
} from 'class-validator';
import { TIERS, type Tier } from '../../../domain/certification/tier';
import { PageQueryDto } from '../../../infra/pagination/pagination';
import { IsRegionCode } from '../../../infra/validation/validators';
import type { Delivery, DeliveryStatus, Subscription } from '../webhook.repository';

// An exact event type (`application.review.return`) or a prefix ending in `*` (`application.*`, `*`).
const EVENT_PATTERN = /^(\*|[a-z][A-Za-z_]*(\.[A-Za-z_]+)*(\.\*)?)$/;
const URL_OPTIONS = {
  protocols: ['http', 'https'],
  require_protocol: true,
  require_tld: false,
  allow_underscores: true,
  disallow_auth: true,
};

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://portal.example.cn/hooks/ladder' })
  @IsString()
  @MaxLength(2048)
  @IsUrl(URL_OPTIONS)
  url!: string;

  @ApiProperty({ example: ['application.review.return', 'certificate.*'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(128, { each: true })
  @Matches(EVENT_PATTERN, {
    each: true,
    message: 'each event must be a type or a prefix ending in *',
  })
  events!: string[];

  @ApiProperty({ enum: TIERS, isArray: true, required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsIn(TIERS, { each: true })
  tiers?: Tier[];

  @ApiProperty({ required: false, example: '130000' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @IsOptional() @IsString() @MaxLength(500) description?: string;
}

export class UpdateWebhookDto {
  @IsOptional() @IsString() @MaxLength(2048) @IsUrl(URL_OPTIONS) url?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(128, { each: true })
  @Matches(EVENT_PATTERN, {
    each: true,
    message: 'each event must be a type or a prefix ending in *',
  })
  events?: string[];

  @IsOptional() @IsBoolean() disabled?: boolean;
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'dead'] as const;

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiProperty({ enum: DELIVERY_STATUSES, required: false })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}

export type WebhookView = {
  id: string;
  url: string;
  events: string[];
  tiers?: Tier[];
  regionCode?: string;
  description?: string;
  createdAt: string;
  disabled: boolean;
  secret?: string;
};

export const toWebhookView = (s: Subscription, withSecret = false): WebhookView => ({
  id: s.id,
  url: s.url,
  events: s.events,
  ...(s.tiers ? { tiers: s.tiers } : {}),
  ...(s.regionCode ? { regionCode: s.regionCode } : {}),
  ...(s.description ? { description: s.description } : {}),
  ...(withSecret ? { secret: s.secret } : {}),
  createdAt: s.createdAt,
  disabled: s.disabled,
});

export const toDeliveryView = (d: Delivery) => ({
  id: d.id,
  eventId: d.eventId,
  eventType: d.eventType,
  attempt: d.attempt,
  status: d.status,
  ...(d.responseStatus !== null ? { responseStatus: d.responseStatus } : {}),
  ...(d.latencyMs !== null ? { latencyMs: d.latencyMs } : {}),
  ...(d.nextAttemptAt !== null && (d.status === 'pending' || d.status === 'failed')
    ? { nextAttemptAt: d.nextAttemptAt }
    : {}),
  ...(d.lastError !== null ? { lastError: d.lastError } : {}),
  ...(d.deliveredAt !== null ? { deliveredAt: d.deliveredAt } : {}),
  attempts: d.attempts,
  createdAt: d.createdAt,
});
