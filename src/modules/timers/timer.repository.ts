import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TimerEffect } from '../../domain/certification/decision';
import type { TimerRecord, TimerSubjectType } from '../../domain/certification/records';
import { newId } from '../../infra/ids';
import { databaseKindOf } from '../../infra/persistence/database-kind';
import { execute, select } from '../../infra/persistence/raw-sql';
import { SqlWhere } from '../../infra/persistence/sql-where';
import { DomainError } from '../../domain/errors';

export type { TimerRecord } from '../../domain/certification/records';

export type TimerSubject = { type: TimerSubjectType; id: string };

export type DeadlineView = { id: string; event: string; purpose: string; dueAt: string };

type TimerRow = {
  id: string;
  subject_type: TimerSubjectType;
  subject_id: string;
  event: string;
  purpose: string;
  due_at: string;
  status: TimerRecord['status'];
  fired_at: string | null;
  cancelled_at: string | null;
  attempts: number | string;
  data: string | null;
  created_at: string;
};

const SELECT_TIMER = `SELECT id, subject_type, subject_id, event, purpose, due_at, status, fired_at,
  cancelled_at, attempts, data, created_at FROM timers`;

const fromRow = (r: TimerRow): TimerRecord => ({
  id: r.id,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  event: r.event,
  purpose: r.purpose,
  dueAt: r.due_at,
  status: r.status,
  firedAt: r.fired_at,
  cancelledAt: r.cancelled_at,
  attempts: Number(r.attempts),
  data: r.data === null ? null : (JSON.parse(r.data) as Record<string, unknown>),
  createdAt: r.created_at,
});

/** The timers table: durable deadlines, written with the transition that opens them. */
@Injectable()
export class TimerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Carries out a transition's timer effects inside its transaction, in the order the machine gave
   * them (exit actions, which cancel, come before entry actions, which schedule).
   */
  async apply(
    em: EntityManager,
    subject: TimerSubject,
    effect: TimerEffect,
    at: string,
  ): Promise<void> {
    switch (effect.type) {
      case 'cancelDeadlines':
        await execute(
          em,
          `UPDATE timers SET status = 'cancelled', cancelled_at = $1
            WHERE subject_type = $2 AND subject_id = $3 AND status = 'pending'
              AND ($4 = '' OR purpose = $5)`,
          [at, subject.type, subject.id, effect.purpose ?? '', effect.purpose ?? ''],
        );
        return;
      case 'rescheduleDeadline':
        await execute(
          em,
          `UPDATE timers SET due_at = $1, claimed_until = NULL, claimed_by = NULL
            WHERE subject_type = $2 AND subject_id = $3 AND purpose = $4 AND status = 'pending'`,
          [effect.dueAt, subject.type, subject.id, effect.purpose],
        );
        return;
      case 'scheduleDeadline':
        await this.schedule(em, subject, {
          event: effect.event ?? 'deadline.expired',
          purpose: effect.purpose,
          dueAt: effect.dueAt,
          data: effect.data ?? null,
          at,
        });
        return;
    }
  }

  async schedule(
    em: EntityManager,
    subject: TimerSubject,
    timer: {
      event: string;
      purpose: string;
      dueAt: string;
      data: Record<string, unknown> | null;
      at: string;
    },
  ): Promise<string> {
    const id = newId();
    await execute(
      em,
      `INSERT INTO timers (id, subject_type, subject_id, event, purpose, due_at, status, attempts, data, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, $8)`,
      [
        id,
        subject.type,
        subject.id,
        timer.event,
        timer.purpose,
        timer.dueAt,
        timer.data ? JSON.stringify(timer.data) : null,
        timer.at,
      ],
    );
    return id;
  }

  /**
   * Marks a timer fired inside the transaction of the transition it fires. Only one transaction can
   * do so: a second firing of the same timer (another instance, a retry after a crash) finds it no
   * longer pending and changes nothing.
   */
  async markFired(em: EntityManager, id: string, at: string): Promise<boolean> {
    const changed = await execute(
      em,
      `UPDATE timers SET status = 'fired', fired_at = $1 WHERE id = $2 AND status = 'pending'`,
      [at, id],
    );
    return changed === 1;
  }

  /** A due timer whose event its machine refuses (the state moved on): recorded, not retried. */
  async markSkipped(em: EntityManager, id: string, at: string, reason: string): Promise<boolean> {
    const changed = await execute(
      em,
      `UPDATE timers SET status = 'skipped', fired_at = $1, data = $2 WHERE id = $3 AND status = 'pending'`,
      [at, JSON.stringify({ skipped: reason }), id],
    );
    return changed === 1;
  }

  /**
   * Claims up to `limit` due timers for `owner` for `leaseMs`. On PostgreSQL, FOR UPDATE SKIP LOCKED
   * lets several instances claim disjoint batches; an expired lease (a crashed instance) may be
   * claimed again. The claim only avoids double work: exactly-once comes from markFired().
   */
  async claimDue(
    em: EntityManager,
    options: { now: string; leaseUntil: string; owner: string; limit: number },
  ): Promise<TimerRecord[]> {
    const lock = databaseKindOf(em) === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : '';
    const rows = await select<TimerRow>(
      em,
      `${SELECT_TIMER} WHERE status = 'pending' AND due_at <= $1
          AND (claimed_until IS NULL OR claimed_until < $2)
        ORDER BY due_at, id LIMIT $3${lock}`,
      [options.now, options.now, options.limit],
    );
    for (const row of rows) {
      await execute(
        em,
        `UPDATE timers SET claimed_until = $1, claimed_by = $2, attempts = attempts + 1 WHERE id = $3`,
        [options.leaseUntil, options.owner, row.id],
      );
    }
    return rows.map(fromRow);
  }

  async get(em: EntityManager, id: string): Promise<TimerRecord | undefined> {
    const [row] = await select<TimerRow>(em, `${SELECT_TIMER} WHERE id = $1`, [id]);
    return row ? fromRow(row) : undefined;
  }

  /** Moves a pending timer that no machine context depends on (certificate annual updates). */
  async move(em: EntityManager, timer: TimerRecord, dueAt: string): Promise<TimerRecord> {
    const changed = await execute(
      em,
      `UPDATE timers SET due_at = $1, claimed_until = NULL, claimed_by = NULL WHERE id = $2 AND status = 'pending'`,
      [dueAt, timer.id],
    );
    if (changed !== 1)
      throw new DomainError('VERSION_CONFLICT', `timer ${timer.id} changed meanwhile`);
    return { ...timer, dueAt };
  }

  pendingFor(subject: TimerSubject, em?: EntityManager): Promise<DeadlineView[]> {
    return select<DeadlineView>(
      em ?? this.dataSource.manager,
      `SELECT id, event, purpose, due_at AS "dueAt" FROM timers
        WHERE subject_type = $1 AND subject_id = $2 AND status = 'pending' ORDER BY due_at`,
      [subject.type, subject.id],
    );
  }

  /** The pending timers of one purpose for several subjects of a type, keyed by subject id. */
  async pendingByPurpose(
    type: TimerSubjectType,
    subjectIds: readonly string[],
    purpose: string,
  ): Promise<Map<string, string>> {
    if (subjectIds.length === 0) return new Map();
    const where = new SqlWhere()
      .add('subject_type = ?', type)
      .add('purpose = ?', purpose)
      .add("status = 'pending'")
      .add(`subject_id IN (${subjectIds.map(() => '?').join(', ')})`, ...subjectIds);
    const rows = await select<{ subject_id: string; due_at: string }>(
      this.dataSource.manager,
      `SELECT subject_id, due_at FROM timers${where.toString()}`,
      where.params,
    );
    return new Map(rows.map((r) => [r.subject_id, r.due_at]));
  }

  async list(filter: {
    subjectType?: TimerSubjectType;
    subjectId?: string;
    status?: TimerRecord['status'];
    after?: string;
    limit: number;
  }): Promise<TimerRecord[]> {
    const where = new SqlWhere();
    if (filter.subjectType) where.add('subject_type = ?', filter.subjectType);
    if (filter.subjectId) where.add('subject_id = ?', filter.subjectId);
    if (filter.status) where.add('status = ?', filter.status);
    if (filter.after) where.add('id > ?', filter.after);
    const rows = await select<TimerRow>(
      this.dataSource.manager,
      `${SELECT_TIMER}${where.toString()} ORDER BY id LIMIT ${where.next(filter.limit)}`,
      where.params,
    );
    return rows.map(fromRow);
  }

  /** Pending timers, and those of them already due at `now` (overdue), for the metrics. */
  async pendingCounts(now: string): Promise<{ pending: number; overdue: number }> {
    const [row] = await select<{ pending: number | string; overdue: number | string | null }>(
      this.dataSource.manager,
      `SELECT COUNT(*) AS pending, SUM(CASE WHEN due_at <= $1 THEN 1 ELSE 0 END) AS overdue
        FROM timers WHERE status = 'pending'`,
      [now],
    );
    return { pending: Number(row?.pending ?? 0), overdue: Number(row?.overdue ?? 0) };
  }
}
