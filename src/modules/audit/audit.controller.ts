import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { AuditLogRepository } from './audit-log.repository';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor', 'admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditLogRepository) {}

  /** Recomputes the whole hash chain and reports the first event that no longer matches. */
  @Get('verify')
  verify() {
    return this.audit.verify();
  }
}
