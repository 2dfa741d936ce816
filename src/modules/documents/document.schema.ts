import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOCUMENT_KINDS } from '../../domain/documents/documents';
import { MessageSchema } from '../../infra/http/openapi/common.schema';

/** An evidence document of an application (its bytes at …/content). */
export class DocumentSchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind!: string;
  @ApiPropertyOptional({ type: 'integer', example: 2025 }) year?: number;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ example: 'financial-statements-2025.pdf' }) fileName!: string;
  @ApiProperty({
    enum: ['application/pdf', 'image/jpeg', 'image/png', 'application/ofd'],
    description: 'Detected from the content, not the name',
  })
  mediaType!: string;
  @ApiProperty({ type: 'integer' }) size!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) sha256!: string;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({ description: 'Submitted: neither deleted nor replaced until returned' })
  frozen!: boolean;
}

export class ChecklistItemSchema {
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind!: string;
  @ApiPropertyOptional({ type: 'integer' }) year?: number;
  @ApiProperty() required!: boolean;
  @ApiProperty() met!: boolean;
  @ApiProperty({ description: 'Why it is required, in the language of the request' })
  reason!: string;
  @ApiPropertyOptional({ type: MessageSchema, description: 'The same, language-neutral' })
  reasonCode?: MessageSchema;
  @ApiProperty({ type: [String] }) documentIds!: string[];
  @ApiPropertyOptional({ enum: [true], description: 'Asked for by a reviewer in a return' })
  requested?: boolean;
}

export class ChecklistSchema {
  @ApiProperty({ type: [ChecklistItemSchema] }) items!: ChecklistItemSchema[];
}

export class RequestedDocumentSchema {
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind!: string;
  @ApiPropertyOptional({ type: 'integer' }) year?: number;
  @ApiPropertyOptional() note?: string;
}

/** The documents a reviewer asked for when returning the application. */
export class DocumentRequestSchema {
  @ApiProperty({ type: [RequestedDocumentSchema] }) items!: RequestedDocumentSchema[];
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) dueAt?: string;
}
