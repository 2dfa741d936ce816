import type { ApplicationRepository } from '../../src/modules/applications/application.repository';
import type { ApplicationsQueries } from '../../src/modules/applications/applications.queries';
import type { DocumentRepository } from '../../src/modules/documents/document.repository';
import type { AuditLogRepository } from '../../src/modules/audit-log/audit-log.repository';
import type { CallsService } from '../../src/modules/calls/calls.service';
import type { CertificateRepository } from '../../src/modules/certificates/certificate.repository';
import { ApplicationHandler } from '../../src/modules/commands/application.handler';
import { CallHandler } from '../../src/modules/commands/call.handler';
import { CertificateHandler } from '../../src/modules/commands/certificate.handler';
import { CommandPipeline } from '../../src/modules/commands/command-pipeline';
import { EffectRunner } from '../../src/modules/commands/effect-runner';
import {
  ClusterHandler,
  ClusterMemberHandler,
  TargetHandler,
} from '../../src/modules/commands/statistics.handlers';
import { TimerHandler } from '../../src/modules/commands/timer.handler';
import type { StatisticsRepository } from '../../src/modules/statistics/statistics.repository';
import type { EnterpriseRepository } from '../../src/modules/enterprises/enterprise.repository';
import type { ObjectionRepository } from '../../src/modules/objections/objection.repository';
import type { OutboxRepository } from '../../src/modules/outbox/outbox.repository';
import type { AppConfig } from '../../src/config/app-config';
import type { TimerRepository } from '../../src/modules/timers/timer.repository';
import type { BatchRepository } from '../../src/modules/batches/batch.repository';
import type { TransactionRunner } from '../../src/infra/persistence/transaction-runner';
import { applicationPolicy, certificatePolicy } from '../factories/records.factory';
import { FakeClock } from '../support/fake-clock';
import {
  FakeApplications,
  FakeAuditLog,
  FakeCalls,
  FakeCertificates,
  FakeEnterprises,
  FakeObjections,
  FakeOutbox,
  FakeTimers,
  FakeTransactionRunner,
} from './in-memory';

/** The real command pipeline and subject handlers over in-memory repositories. */
export const inMemoryPipeline = (now = '2026-05-11T02:00:00.000Z') => {
  const stores = {
    applications: new FakeApplications(),
    certificates: new FakeCertificates(),
    enterprises: new FakeEnterprises(),
    calls: new FakeCalls(),
    timers: new FakeTimers(),
    objections: new FakeObjections(),
    audit: new FakeAuditLog(),
    outbox: new FakeOutbox(),
  };
  const clock = new FakeClock(now);
  const tx = new FakeTransactionRunner([
    stores.applications,
    stores.certificates,
    stores.timers,
    stores.objections,
    stores.audit,
    stores.outbox,
  ]);
  // The fakes implement the methods the pipeline uses (checked by their `implements Pick<…>`).
  const as = <T>(fake: unknown) => fake as T;
  const applications = as<ApplicationRepository>(stores.applications);
  const certificates = as<CertificateRepository>(stores.certificates);
  const timers = as<TimerRepository>(stores.timers);
  const calls = as<CallsService>(stores.calls);
  const pipeline = new CommandPipeline(
    as<TransactionRunner>(tx),
    clock,
    as<AuditLogRepository>(stores.audit),
    timers,
    new EffectRunner(
      timers,
      as<ObjectionRepository>(stores.objections),
      as<OutboxRepository>(stores.outbox),
      as<BatchRepository>({ insert: () => Promise.resolve() }),
      as<AppConfig>({ outbox: { enabled: true } }),
    ),
    new ApplicationHandler(
      applications,
      as<EnterpriseRepository>(stores.enterprises),
      certificates,
      calls,
      // No documents in these tests; the policy does not require them.
      as<DocumentRepository>({ allOf: () => Promise.resolve([]) }),
      as<ApplicationsQueries>({ documentRequestOf: () => Promise.resolve(null) }),
      timers,
      applicationPolicy(),
    ),
    new CertificateHandler(certificates, applications, certificatePolicy),
    new TimerHandler(timers, certificates),
    new CallHandler(calls, certificates),
    // Targets and clusters have no in-memory fakes: their tests run over a real database.
    new TargetHandler(as<StatisticsRepository>({})),
    new ClusterHandler(as<StatisticsRepository>({})),
    new ClusterMemberHandler(
      as<StatisticsRepository>({}),
      as<EnterpriseRepository>(stores.enterprises),
    ),
  );
  return { pipeline, clock, ...stores };
};
