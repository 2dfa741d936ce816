// Every entity of the application, for TypeORM's registry: the composition root's list, so that
// infrastructure (src/shared) knows no feature.
import { ApplicationEntity } from './modules/applications/application.entity';
import { AuditCheckpointEntity } from './modules/audit-log/audit-checkpoint.entity';
import { AuditEventEntity } from './modules/audit-log/audit-event.entity';
import { LoginAttemptEntity } from './modules/auth/login-attempt.entity';
import { CallEntity } from './modules/calls/call.entity';
import { CertificateEntity } from './modules/certificates/certificate.entity';
import { EnterpriseEntity } from './modules/enterprises/enterprise.entity';
import { ObjectionEntity } from './modules/objections/objection.entity';
import { EnterpriseClaimEntity } from './modules/registration/enterprise-claim.entity';
import {
  ClusterEntity,
  ClusterMemberEntity,
  StatApplicationEntity,
  StatCertificateEntity,
  StatCounterEntity,
  StatCursorEntity,
  StatStageDaysEntity,
  TargetEntity,
} from './modules/statistics/statistics.entities';
import { TimerEntity } from './modules/timers/timer.entity';
import { UserEntity } from './modules/users/user.entity';
import { IdempotencyKeyEntity } from './shared/idempotency/idempotency-key.entity';

export const APP_ENTITIES = [
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
  EnterpriseClaimEntity,
  StatCursorEntity,
  StatApplicationEntity,
  StatCounterEntity,
  StatStageDaysEntity,
  StatCertificateEntity,
  TargetEntity,
  ClusterEntity,
  ClusterMemberEntity,
];
