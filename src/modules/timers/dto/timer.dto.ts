import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../../infra/pagination/pagination';
import { IsIsoInstant } from '../../../infra/validation/validators';
import type { TimerRecord } from '../../../domain/certification/records';

export class ListTimersQueryDto extends PageQueryDto {
  @IsOptional() @IsUUID() applicationId?: string;
  @IsOptional() @IsUUID() certificateId?: string;

  @ApiProperty({ enum: ['pending', 'fired', 'cancelled', 'skipped'], required: false })
  @IsOptional()
  @IsIn(['pending', 'fired', 'cancelled', 'skipped'])
  status?: TimerRecord['status'];
}

export class RescheduleTimerDto {
  @ApiProperty({ example: '2026-06-01T16:00:00.000Z' }) @IsIsoInstant() dueAt!: string;
}

export type TimerView = {
  id: string;
  subject: { type: string; id: string };
  event: string;
  purpose: string;
  dueAt: string;
  status: string;
  firedAt?: string;
  cancelledAt?: string;
  attempts: number;
  createdAt: string;
};

export const toTimerView = (t: TimerRecord): TimerView => ({
  id: t.id,
  subject: { type: t.subjectType, id: t.subjectId },
  event: t.event,
  purpose: t.purpose,
  dueAt: t.dueAt,
  status: t.status,
  ...(t.firedAt ? { firedAt: t.firedAt } : {}),
  ...(t.cancelledAt ? { cancelledAt: t.cancelledAt } : {}),
  attempts: t.attempts,
  createdAt: t.createdAt,
});
