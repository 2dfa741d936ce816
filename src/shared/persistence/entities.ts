import { ApplicationEntity } from '../../modules/applications/application.entity';
import { AuditCheckpointEntity } from '../../modules/audit/audit-checkpoint.entity';
import { AuditEventEntity } from '../../modules/audit/audit-event.entity';
import { LoginAttemptEntity } from '../../modules/auth/login-attempt.entity';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';
import { CallEntity } from '../../modules/calls/call.entity';
import { CertificateEntity } from '../../modules/certificates/certificate.entity';
import { EnterpriseEntity } from '../../modules/enterprises/enterprise.entity';
import { ObjectionEntity } from '../../modules/public/objection.entity';
import { TimerEntity } from '../../modules/timers/timer.entity';
import { UserEntity } from '../../modules/users/user.entity';

export const ENTITIES = [
  UserEntity,
  EnterpriseEntity,
  ApplicationEntity,
  AuditEventEntity,
  TimerEntity,
  CertificateEntity,
  CallEntity,
  ObjectionEntity,
  AuditCheckpointEntity,
  LoginAttemptEntity,
  IdempotencyKeyEntity,
];
