import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MessageSchema } from '../../infra/http/openapi/common.schema';

export class ClaimReceiptSchema {
  @ApiProperty({ format: 'uuid' }) claimId!: string;
  @ApiProperty({ enum: ['pending'] }) status!: string;
}

/** A company's claim to a credit code registered by an account it does not recognise. */
export class ClaimSchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty({ example: '130102' }) regionCode!: string;
  @ApiProperty() creditCode!: string;
  @ApiProperty() claimantName!: string;
  @ApiProperty({ description: 'Personal data: shown to the deciding authority only' })
  claimantContact!: string;
  @ApiProperty() statement!: string;
  @ApiProperty({ description: 'The account asked for, created when the claim is granted' })
  username!: string;
  @ApiProperty({ enum: ['pending', 'granted', 'refused'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: [String], nullable: true }) reasons!: string[] | null;
  @ApiPropertyOptional({ type: [MessageSchema] }) reasonCodes?: MessageSchema[];
}
