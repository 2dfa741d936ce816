import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MessageSchema } from '../../infra/http/openapi/common.schema';

/** One item of a batch: the application, and whether the event went through (else why not). */
export class BatchItemSchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() ok!: boolean;
  @ApiPropertyOptional({ description: 'The state the application reached (ok items)' })
  state?: string;
  @ApiPropertyOptional({
    description:
      'Why the item was refused: a problem code (NOT_FOUND, INVALID_TRANSITION, …) or ROLLED_BACK',
    example: 'INVALID_TRANSITION',
  })
  code?: string;
  @ApiPropertyOptional({ type: [String] }) reasons?: string[];
  @ApiPropertyOptional({ type: [MessageSchema] }) reasonCodes?: MessageSchema[];
}

export class BatchSummarySchema {
  @ApiProperty({ type: 'integer' }) ok!: number;
  @ApiProperty({ type: 'integer' }) refused!: number;
}

/** The answer to a batch: one result per item, in the order of the request (or of the ids matched). */
export class BatchResultSchema {
  @ApiProperty({ format: 'uuid' }) batchId!: string;
  @ApiProperty({
    description: 'false: an all-or-nothing batch with a refused item; nothing changed',
  })
  applied!: boolean;
  @ApiProperty({ type: [BatchItemSchema] }) items!: BatchItemSchema[];
  @ApiProperty({ type: BatchSummarySchema }) summary!: BatchSummarySchema;
}

/** A batch operation and its progress (items once it is done). */
export class BatchSchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['events', 'migration', 'round'] }) kind!: string;
  @ApiProperty({ description: 'The event sent, or workflow@from->to for a migration' })
  operation!: string;
  @ApiProperty({ enum: ['running', 'done', 'rolledBack'] }) status!: string;
  @ApiProperty() atomic!: boolean;
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer', description: 'Items handled so far' }) processed!: number;
  @ApiProperty({ type: BatchSummarySchema }) summary!: BatchSummarySchema;
  @ApiProperty({ type: [BatchItemSchema], nullable: true }) items!: BatchItemSchema[] | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
}
