// Every entity of the application, for TypeORM's registry: the composition root's list, so that
// infrastructure (src/infra) knows no feature.
import { ApplicationEntity } from './modules/applications/application.entity';
import { AuditCheckpointEntity } from './modules/audit-log/audit-checkpoint.entity';
import { AuditEventEntity } from './modules/audit-log/audit-event.entity';
import { BatchEntity } from './modules/batches/batch.entity';
import { LoginAttemptEntity } from './modules/auth/login-attempt.entity';
import { CallEntity } from './modules/calls/call.entity';
import { CertificateEntity } from './modules/certificates/certificate.entity';
import { DocumentEntity } from './modules/documents/document.entity';
import { EnterpriseEntity } from './modules/enterprises/enterprise.entity';
import { NotificationEntity } from './modules/notifications/notification.entity';
import { ObjectionEntity } from './modules/objections/objection.entity';
import { OutboxEntity } from './modules/outbox/outbox.entity';
import { EnterpriseClaimEntity } from './modules/registration/enterprise-claim.entity';
import {
  ClusterEntity,
  ClusterMemberEntity,
  StatApplicationEntity,
  StatCertificateEntity,
  StatCounterEntity,
  StatCursorEntity,
  StatStageDaysEntity,
  StatStageSummaryEntity,
  TargetEntity,
} from './modules/statistics/statistics.entities';
import { TimerEntity } from './modules/timers/timer.entity';
import { UserEntity } from './modules/users/user.entity';
import { WebhookDeliveryEntity } from './modules/webhooks/webhook-delivery.entity';
import { WebhookSubscriptionEntity } from './modules/webhooks/webhook-subscription.entity';
import { IdempotencyKeyEntity } from './infra/idempotency/idempotency-key.entity';

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
  DocumentEntity,
  OutboxEntity,
  WebhookSubscriptionEntity,
  WebhookDeliveryEntity,
  NotificationEntity,
  StatCursorEntity,
  StatApplicationEntity,
  StatCounterEntity,
  StatStageDaysEntity,
  StatStageSummaryEntity,
  StatCertificateEntity,
  TargetEntity,
  ClusterEntity,
  ClusterMemberEntity,
  BatchEntity,
];
