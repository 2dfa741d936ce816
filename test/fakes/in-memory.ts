// In-memory stand-ins for the repositories the command pipeline writes through, with a
// transaction runner that rolls every store back when its work throws: the pipeline's own logic
// (and its handlers' reads) run as in production, without a database.
import type { EntityManager } from 'typeorm';
import type { ActorRef } from '../../src/domain/access/roles';
import type { AuditEntry } from '../../src/domain/audit/audit-entry';
import type { CallRecord } from '../../src/domain/certification/calls';
import type { TimerEffect } from '../../src/domain/certification/decision';
import type { TitleRecord } from '../../src/domain/certification/prerequisites';
import type {
  ApplicationRecord,
  CertificateRecord,
  ObjectionRecord,
  TimerRecord,
} from '../../src/domain/certification/records';
import type { Tier } from '../../src/domain/certification/tier';
import { DomainError } from '../../src/domain/errors';
import type { ApplicationRepository } from '../../src/modules/applications/application.repository';
import type { AuditLogRepository } from '../../src/modules/audit-log/audit-log.repository';
import type { CallsService } from '../../src/modules/calls/calls.service';
import type { CertificateRepository } from '../../src/modules/certificates/certificate.repository';
import type { EnterpriseRepository } from '../../src/modules/enterprises/enterprise.repository';
import type { ObjectionRepository } from '../../src/modules/objections/objection.repository';
import type { OutboxRepository } from '../../src/modules/outbox/outbox.repository';
import type { DomainEvent } from '../../src/domain/events/domain-event';
import type { TimerRepository, TimerSubject } from '../../src/modules/timers/timer.repository';
import type { TransactionRunner } from '../../src/infra/persistence/transaction-runner';
import type { Statement } from '../../src/infra/persistence/raw-sql';

const EM = {} as EntityManager;
const clone = <T>(value: T): T => structuredClone(value);

type Snapshotting = { snapshot(): unknown; restore(state: unknown): void };

/** Rows by id, with the optimistic version check of the real repositories. */
class VersionedTable<R extends { id: string; version: number }> implements Snapshotting {
  readonly rows = new Map<string, R>();
  constructor(private readonly name: string) {}

  load(id: string): R | undefined {
    const row = this.rows.get(id);
    return row ? clone(row) : undefined;
  }
  insert(row: R): R {
    if (this.rows.has(row.id)) throw new Error(`${this.name} ${row.id} exists`);
    this.rows.set(row.id, clone(row));
    return row;
  }
  write(row: R, changes: Partial<R>): R {
    const stored = this.rows.get(row.id);
    if (!stored || stored.version !== row.version) {
      throw new DomainError('VERSION_CONFLICT', `${this.name} ${row.id} was changed`);
    }
    const next = { ...row, ...changes, version: row.version + 1 };
    this.rows.set(row.id, clone(next));
    return next;
  }
  snapshot() {
    return clone([...this.rows]);
  }
  restore(state: unknown) {
    this.rows.clear();
    for (const [id, row] of state as [string, R][]) this.rows.set(id, row);
  }
}

export class FakeApplications
  implements
    Pick<
      ApplicationRepository,
      | 'load'
      | 'loadForUpdate'
      | 'insert'
      | 'write'
      | 'openIdsOf'
      | 'openOf'
      | 'ruleSetOf'
      | 'rejectedCallIdsOf'
    >,
    Snapshotting
{
  readonly table = new VersionedTable<ApplicationRecord>('application');
  load = (_em: EntityManager, id: string) => Promise.resolve(this.table.load(id));
  loadForUpdate = (_em: EntityManager, id: string) => Promise.resolve(this.table.load(id));
  insert = (_em: EntityManager, row: ApplicationRecord) => Promise.resolve(this.table.insert(row));
  write = (_em: EntityManager, row: ApplicationRecord, changes: Partial<ApplicationRecord>) =>
    Promise.resolve(this.table.write(row, changes));
  openIdsOf = (_em: EntityManager, enterpriseId: string, tier: Tier) =>
    Promise.resolve(
      [...this.table.rows.values()]
        .filter(
          (a) =>
            a.enterpriseId === enterpriseId &&
            a.tier === tier &&
            !['certified', 'rejected', 'withdrawn'].includes(a.state),
        )
        .map((a) => a.id),
    );
  openOf = (_em: EntityManager, enterpriseId: string) =>
    Promise.resolve(
      [...this.table.rows.values()]
        .filter(
          (a) =>
            a.enterpriseId === enterpriseId &&
            !['certified', 'rejected', 'withdrawn'].includes(a.state),
        )
        .map((a) => ({ id: a.id, reReviewOf: a.reReviewOf })),
    );
  ruleSetOf = (_em: EntityManager, id: string) => Promise.resolve(this.table.load(id)?.ruleSet);
  rejectedCallIdsOf = (_em: EntityManager, enterpriseId: string, tier: Tier) =>
    Promise.resolve([
      ...new Set(
        [...this.table.rows.values()]
          .filter(
            (a) => a.enterpriseId === enterpriseId && a.tier === tier && a.state === 'rejected',
          )
          .flatMap((a) => (a.callId ? [a.callId] : [])),
      ),
    ]);
  snapshot = () => this.table.snapshot();
  restore = (state: unknown) => this.table.restore(state);
}

export class FakeCertificates
  implements
    Pick<
      CertificateRepository,
      'load' | 'insert' | 'write' | 'titlesOf' | 'liveIdsOf' | 'dueForReReview'
    >,
    Snapshotting
{
  readonly table = new VersionedTable<CertificateRecord>('certificate');
  load = (_em: EntityManager, id: string) => Promise.resolve(this.table.load(id));
  insert = (_em: EntityManager, row: CertificateRecord) => Promise.resolve(this.table.insert(row));
  write = (
    _em: EntityManager,
    row: CertificateRecord,
    next: Pick<CertificateRecord, 'status' | 'snapshot' | 'validTo' | 'barUntil' | 'updatedAt'>,
  ) => Promise.resolve(this.table.write(row, next));
  titlesOf = (_em: EntityManager, enterpriseId: string): Promise<TitleRecord[]> =>
    Promise.resolve(
      [...this.table.rows.values()]
        .filter((c) => c.enterpriseId === enterpriseId)
        .map((c) => ({
          tier: c.tier,
          state: c.status,
          validFrom: c.validFrom,
          validTo: c.validTo,
          barUntil: c.barUntil,
        })),
    );
  liveIdsOf = (_em: EntityManager, enterpriseId: string, except: string) =>
    Promise.resolve(
      [...this.table.rows.values()]
        .filter(
          (c) =>
            c.enterpriseId === enterpriseId &&
            c.id !== except &&
            ['active', 'changeUnderReview', 'reReviewDue', 'underReReview'].includes(c.status),
        )
        .map((c) => c.id)
        .sort(),
    );
  dueForReReview = (_em: EntityManager, tier: Tier, _region: string | null, year: number) =>
    Promise.resolve(
      [...this.table.rows.values()]
        .filter((c) => c.tier === tier && c.status === 'active' && c.validTo.startsWith(`${year}-`))
        .map((c) => c.id),
    );
  snapshot = () => this.table.snapshot();
  restore = (state: unknown) => this.table.restore(state);
}

export class FakeEnterprises implements Pick<EnterpriseRepository, 'findById'> {
  readonly rows = new Map<string, { id: string; regionCode: string; sector: string }>();
  findById = (id: string) => {
    const row = this.rows.get(id);
    return Promise.resolve(
      row
        ? {
            ...row,
            creditCode: '91130102MA0000000X',
            name: id,
            establishedOn: '2010-01-01',
            createdAt: '',
            updatedAt: '',
          }
        : undefined,
    );
  };
}

export class FakeCalls implements Pick<CallsService, 'ofTier' | 'get'> {
  readonly rows: CallRecord[] = [];
  ofTier = (_em: EntityManager, tier: Tier) =>
    Promise.resolve(this.rows.filter((c) => c.tier === tier));
  get = (id: string) => Promise.resolve(this.rows.find((c) => c.id === id));
}

export class FakeTimers
  implements
    Pick<TimerRepository, 'apply' | 'markFired' | 'get' | 'move' | 'pendingFor'>,
    Snapshotting
{
  readonly rows = new Map<string, TimerRecord>();
  private next = 0;

  apply = (_em: EntityManager, subject: TimerSubject, effect: TimerEffect, at: string) => {
    const own = [...this.rows.values()].filter(
      (t) => t.subjectType === subject.type && t.subjectId === subject.id && t.status === 'pending',
    );
    switch (effect.type) {
      case 'cancelDeadlines':
        for (const t of own.filter((t) => !effect.purpose || t.purpose === effect.purpose)) {
          this.rows.set(t.id, { ...t, status: 'cancelled', cancelledAt: at });
        }
        break;
      case 'rescheduleDeadline':
        for (const t of own.filter((t) => t.purpose === effect.purpose)) {
          this.rows.set(t.id, { ...t, dueAt: effect.dueAt });
        }
        break;
      case 'scheduleDeadline': {
        const id = `t${++this.next}`;
        this.rows.set(id, {
          id,
          subjectType: subject.type,
          subjectId: subject.id,
          event: effect.event ?? 'deadline.expired',
          purpose: effect.purpose,
          dueAt: effect.dueAt,
          status: 'pending',
          firedAt: null,
          cancelledAt: null,
          attempts: 0,
          data: effect.data ?? null,
          createdAt: at,
        });
      }
    }
    return Promise.resolve();
  };
  markFired = (_em: EntityManager, id: string, at: string) => {
    const timer = this.rows.get(id);
    if (!timer || timer.status !== 'pending') return Promise.resolve(false);
    this.rows.set(id, { ...timer, status: 'fired', firedAt: at });
    return Promise.resolve(true);
  };
  get = (_em: EntityManager, id: string) => Promise.resolve(clone(this.rows.get(id)));
  move = (_em: EntityManager, timer: TimerRecord, dueAt: string) => {
    this.rows.set(timer.id, { ...timer, dueAt });
    return Promise.resolve({ ...timer, dueAt });
  };
  pendingFor = (subject: TimerSubject) =>
    Promise.resolve(
      [...this.rows.values()]
        .filter(
          (t) =>
            t.subjectType === subject.type && t.subjectId === subject.id && t.status === 'pending',
        )
        .map((t) => ({ id: t.id, event: t.event, purpose: t.purpose, dueAt: t.dueAt })),
    );
  pending = (subjectId: string) =>
    [...this.rows.values()].filter((t) => t.subjectId === subjectId && t.status === 'pending');
  snapshot = () => clone([[...this.rows], this.next]);
  restore = (state: unknown) => {
    const [rows, next] = state as [[string, TimerRecord][], number];
    this.rows.clear();
    for (const [id, row] of rows) this.rows.set(id, row);
    this.next = next;
  };
}

export class FakeObjections
  implements Pick<ObjectionRepository, 'insert' | 'decideOpen'>, Snapshotting
{
  readonly rows = new Map<string, ObjectionRecord>();
  insert = (_em: EntityManager, objection: ObjectionRecord) => {
    this.rows.set(objection.id, clone(objection));
    return Promise.resolve();
  };
  decideOpen = (
    _em: EntityManager,
    applicationId: string,
    outcome: 'upheld' | 'dismissed',
    at: string,
  ) => {
    let n = 0;
    for (const o of this.rows.values()) {
      if (o.applicationId === applicationId && o.status === 'open') {
        this.rows.set(o.id, { ...o, status: outcome, decidedAt: at });
        n++;
      }
    }
    return Promise.resolve(n);
  };
  snapshot = () => clone([...this.rows]);
  restore = (state: unknown) => {
    this.rows.clear();
    for (const [id, row] of state as [string, ObjectionRecord][]) this.rows.set(id, row);
  };
}

export type AppendedEvent = AuditEntry & { seq: number; actor: ActorRef };

/** The audit log as a list: seq from 1, appended in order. */
export class FakeAuditLog
  implements Pick<AuditLogRepository, 'append' | 'appendingLast'>, Snapshotting
{
  readonly events: AppendedEvent[] = [];
  private held: { entry: AuditEntry; companion?: (seq: number) => Statement | null }[] | null =
    null;
  /** As the real one: appends made during `work` are written, in order, after it. */
  appendingLast = async <T>(_em: EntityManager, work: () => Promise<T>): Promise<T> => {
    const held: NonNullable<typeof this.held> = [];
    this.held = held;
    try {
      const value = await work();
      this.held = null;
      for (const { entry, companion } of held) this.write(entry, companion);
      return value;
    } finally {
      this.held = null;
    }
  };
  append = (
    _em: EntityManager,
    entry: AuditEntry,
    companion?: (seq: number) => Statement | null,
  ): Promise<void> => {
    if (this.held) this.held.push({ entry, ...(companion ? { companion } : {}) });
    else this.write(entry, companion);
    return Promise.resolve();
  };
  private write(entry: AuditEntry, companion?: (seq: number) => Statement | null): void {
    const event = { ...clone(entry), seq: this.events.length + 1 };
    this.events.push(event);
    // The companion write (the outbox row) is built, as the real append does; the fake outbox
    // records its events when asked for the statement.
    companion?.(event.seq);
  }
  of = (subjectId: string) => this.events.filter((e) => e.subject.id === subjectId);
  snapshot = () => this.events.length;
  restore = (state: unknown) => {
    this.events.length = state as number;
  };
}

/** The outbox as a list, rolled back with the transaction. */
export class FakeOutbox implements Pick<OutboxRepository, 'statement'>, Snapshotting {
  readonly events: DomainEvent[] = [];
  /** The events, recorded as written (the fake audit log "runs" the statement as it builds it). */
  statement = (events: readonly DomainEvent[]): Statement | null => {
    this.events.push(...clone(events));
    return events.length === 0 ? null : { sql: 'INSERT INTO outbox …', params: [] };
  };
  snapshot = () => this.events.length;
  restore = (state: unknown) => {
    this.events.length = state as number;
  };
}

/** One transaction at a time; every store rolled back when the work throws. */
export class FakeTransactionRunner implements Pick<TransactionRunner, 'run'> {
  constructor(private readonly stores: Snapshotting[]) {}

  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const saved = this.stores.map((s) => s.snapshot());
    try {
      return await work(EM);
    } catch (error) {
      this.stores.forEach((s, i) => s.restore(saved[i]));
      throw error;
    }
  }
}
