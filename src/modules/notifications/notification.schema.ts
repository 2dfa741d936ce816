import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class NotificationSubjectSchema {
  @ApiProperty({ enum: ['application', 'certificate'] }) kind!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class RequestedDocumentItemSchema {
  @ApiProperty() kind!: string;
  @ApiPropertyOptional({ type: 'integer' }) year?: number;
  @ApiPropertyOptional() note?: string;
}

/** A message in an enterprise's inbox, in the request's language. */
export class NotificationSchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'application.returned' }) type!: string;
  @ApiProperty({ type: NotificationSubjectSchema }) subject!: NotificationSubjectSchema;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'By when to act (e.g. resubmit)' })
  dueAt?: string;
  @ApiPropertyOptional({ type: [RequestedDocumentItemSchema] })
  requestedDocuments?: RequestedDocumentItemSchema[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) readAt?: string;
}

export class NotificationPageSchema {
  @ApiProperty({ type: [NotificationSchema] }) items!: NotificationSchema[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty({ type: 'integer' }) unreadCount!: number;
}
