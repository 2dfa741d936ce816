import { Module } from '@nestjs/common';
import { AuditLogRepository } from './audit-log.repository';

/** The append-only, hash-chained audit log: every module that changes state appends to it. */
@Module({ providers: [AuditLogRepository], exports: [AuditLogRepository] })
export class AuditLogModule {}
