import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TimerSubjectSchema {
  @ApiProperty({ enum: ['application', 'certificate', 'call'] }) type!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
}

/** A durable timer: the event it sends to its subject when it falls due. */
export class TimerSchema {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: TimerSubjectSchema }) subject!: TimerSubjectSchema;
  @ApiProperty({ example: 'deadline.expired' }) event!: string;
  @ApiProperty({ example: 'notice' }) purpose!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: ['pending', 'fired', 'cancelled', 'skipped'] }) status!: string;
  @ApiPropertyOptional({ format: 'date-time' }) firedAt?: string;
  @ApiProperty({ type: 'integer' }) attempts!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
