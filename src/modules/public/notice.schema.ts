import { ApiProperty } from '@nestjs/swagger';
import { TIERS } from '../../domain/certification/tier';

/** An application under public notice, open to objections until noticeEndsAt. */
export class PublicNoticeSchema {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() enterpriseName!: string;
  @ApiProperty() creditCode!: string;
  @ApiProperty({ enum: TIERS }) tier!: string;
  @ApiProperty({ example: '130102' }) regionCode!: string;
  @ApiProperty({ enum: ['provincial', 'national'] }) level!: string;
  @ApiProperty({ format: 'date-time' }) noticeEndsAt!: string;
}

export class ObjectionReceiptSchema {
  @ApiProperty({ format: 'uuid' }) objectionId!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ example: 'objected' }) state!: string;
}
