import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LEVELS, ROLES } from '../../../domain/access/roles';
import { AUDIT_SUBJECT_TYPES } from '../../../domain/audit/audit-entry';

/** Who did something, as recorded (users with a jurisdiction carry its level and region). */
export class ActorRefSchema {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: [...ROLES, 'system', 'public'] }) role!: string;
  @ApiPropertyOptional({ enum: LEVELS }) level?: string;
  @ApiPropertyOptional({ example: '130100' }) regionCode?: string;
}

export class SubjectRefSchema {
  @ApiProperty({ enum: AUDIT_SUBJECT_TYPES })
  type!: string;
  @ApiProperty() id!: string;
}

export class DeadlineSchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The event sent when it falls due', example: 'deadline.expired' })
  event!: string;
  @ApiProperty({ example: 'notice' }) purpose!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
}

/** A language-neutral message: a catalogue key and its parameters (docs/i18n.md). */
export class MessageSchema {
  @ApiProperty({ example: 'innovative.reason.scoreBelowPassMark' }) key!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) params?: Record<
    string,
    unknown
  >;
}
