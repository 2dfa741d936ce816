import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Tier } from '../../domain/certification/tier';
import type { DomainEvent } from '../../domain/events/domain-event';
import { newId } from '../../infra/ids';
import { databaseKindOf } from '../../infra/persistence/database-kind';
import { execute, select } from '../../infra/persistence/raw-sql';

export type Subscription = {
  id: string;
  url: string;
  events: string[];
  tiers: Tier[] | null;
  regionCode: string | null;
  description: string | null;
  secret: string;
  disabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
};

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dead';

export type AttemptRecord = {
  attempt: number;
  at: string;
  responseStatus?: number;
  latencyMs: number;
  error?: string;
};

export type Delivery = {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  eventSeq: number;
  subjectId: string;
  payload: string;
  status: DeliveryStatus;
  attempt: number;
  nextAttemptAt: string | null;
  responseStatus: number | null;
  latencyMs: number | null;
  lastError: string | null;
  attempts: AttemptRecord[];
  createdAt: string;
  deliveredAt: string | null;
};

type SubscriptionRow = {
  id: string;
  url: string;
  events: string;
  tiers: string | null;
  region_code: string | null;
  description: string | null;
  secret: string;
  disabled: boolean | number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

type DeliveryRow = {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  event_seq: number | string;
  subject_id: string;
  payload: string;
  status: DeliveryStatus;
  attempt: number | string;
  next_attempt_at: string | null;
  response_status: number | null;
  latency_ms: number | null;
  last_error: string | null;
  attempts: string;
  created_at: string;
  delivered_at: string | null;
};

const SELECT_SUBSCRIPTION = `SELECT id, url, events, tiers, region_code, description, secret, disabled,
  created_by, created_at, updated_at FROM webhook_subscriptions`;

const SELECT_DELIVERY = `SELECT d.id, d.subscription_id, d.event_id, d.event_type, d.event_seq, d.subject_id,
  d.payload, d.status, d.attempt, d.next_attempt_at, d.response_status, d.latency_ms, d.last_error,
  d.attempts, d.created_at, d.delivered_at FROM webhook_deliveries d`;

const toSubscription = (r: SubscriptionRow): Subscription => ({
  id: r.id,
  url: r.url,
  events: JSON.parse(r.events) as string[],
  tiers: r.tiers === null ? null : (JSON.parse(r.tiers) as Tier[]),
  regionCode: r.region_code,
  description: r.description,
  secret: r.secret,
  disabled: r.disabled === true || r.disabled === 1,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  eventId: r.event_id,
  eventType: r.event_type,
  eventSeq: Number(r.event_seq),
  subjectId: r.subject_id,
  payload: r.payload,
  status: r.status,
  attempt: Number(r.attempt),
  nextAttemptAt: r.next_attempt_at,
  responseStatus: r.response_status === null ? null : Number(r.response_status),
  latencyMs: r.latency_ms === null ? null : Number(r.latency_ms),
  lastError: r.last_error,
  attempts: JSON.parse(r.attempts) as AttemptRecord[],
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

/** The webhook_subscriptions and webhook_deliveries tables. */
@Injectable()
export class WebhookRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async insertSubscription(em: EntityManager, s: Subscription): Promise<void> {
    await execute(
      em,
      `INSERT INTO webhook_subscriptions (id, url, events, tiers, region_code, description, secret,
         disabled, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        s.id,
        s.url,
        JSON.stringify(s.events),
        s.tiers === null ? null : JSON.stringify(s.tiers),
        s.regionCode,
        s.description,
        s.secret,
        s.disabled,
        s.createdBy,
        s.createdAt,
        s.updatedAt,
      ],
    );
  }

  async updateSubscription(
    em: EntityManager,
    id: string,
    patch: { url?: string; events?: string[]; disabled?: boolean },
    at: string,
  ): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (patch.url !== undefined) set('url', patch.url);
    if (patch.events !== undefined) set('events', JSON.stringify(patch.events));
    if (patch.disabled !== undefined) set('disabled', patch.disabled);
    set('updated_at', at);
    params.push(id);
    await execute(
      em,
      `UPDATE webhook_subscriptions SET ${sets.join(', ')} WHERE id = $${params.length}`,
      params,
    );
  }

  async deleteSubscription(em: EntityManager, id: string): Promise<void> {
    await execute(em, `DELETE FROM webhook_deliveries WHERE subscription_id = $1`, [id]);
    await execute(em, `DELETE FROM webhook_subscriptions WHERE id = $1`, [id]);
  }

  async getSubscription(
    id: string,
    em: EntityManager = this.manager,
  ): Promise<Subscription | undefined> {
    const [row] = await select<SubscriptionRow>(em, `${SELECT_SUBSCRIPTION} WHERE id = $1`, [id]);
    return row ? toSubscription(row) : undefined;
  }

  /** Subscriptions by id, after a key, optionally inside a region (by code prefix). */
  async listSubscriptions(options: {
    regionPrefix?: string;
    after?: string;
    limit: number;
  }): Promise<Subscription[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.regionPrefix !== undefined) {
      params.push(`${options.regionPrefix}%`);
      where.push(`region_code LIKE $${params.length}`);
    }
    if (options.after !== undefined) {
      params.push(options.after);
      where.push(`id > $${params.length}`);
    }
    params.push(options.limit);
    const rows = await select<SubscriptionRow>(
      this.manager,
      `${SELECT_SUBSCRIPTION}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT $${params.length}`,
      params,
    );
    return rows.map(toSubscription);
  }

  async enabledSubscriptions(em: EntityManager): Promise<Subscription[]> {
    const rows = await select<SubscriptionRow>(
      em,
      `${SELECT_SUBSCRIPTION} WHERE disabled = $1 ORDER BY id`,
      [false],
    );
    return rows.map(toSubscription);
  }

  /** One pending delivery of an event to a subscription (once: a second enqueue is ignored). */
  async enqueue(
    em: EntityManager,
    subscriptionId: string,
    event: DomainEvent,
    idx: number,
    at: string,
  ): Promise<void> {
    await execute(
      em,
      `INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, event_seq, event_idx,
         subject_id, payload, status, attempt, next_attempt_at, claimed_until, response_status,
         latency_ms, last_error, attempts, created_at, delivered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $9, NULL, NULL, NULL, NULL, '[]', $10, NULL)
       ON CONFLICT (subscription_id, event_id) DO NOTHING`,
      [
        newId(),
        subscriptionId,
        event.id,
        event.type,
        event.seq,
        idx,
        event.subject.id,
        JSON.stringify(event),
        at,
        at,
      ],
    );
  }

  /**
   * Claims due deliveries under a lease. A delivery is due when its time has come and no older
   * delivery of the same subject to the same subscription is still pending or failing: one
   * subject's events reach a receiver in order. On PostgreSQL claimed rows are locked with SKIP
   * LOCKED, so instances share the work.
   */
  async claimDue(
    em: EntityManager,
    options: { now: string; leaseUntil: string; limit: number },
  ): Promise<Delivery[]> {
    const postgres = databaseKindOf(em) === 'postgres';
    const rows = await select<DeliveryRow>(
      em,
      `${SELECT_DELIVERY}
        WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= $1
          AND (d.claimed_until IS NULL OR d.claimed_until < $2)
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                WHERE e.subscription_id = d.subscription_id AND e.subject_id = d.subject_id
                  AND e.status IN ('pending', 'failed')
                  AND (e.event_seq < d.event_seq OR (e.event_seq = d.event_seq AND e.event_idx < d.event_idx)))
        ORDER BY d.event_seq, d.event_idx LIMIT $3${postgres ? ' FOR UPDATE OF d SKIP LOCKED' : ''}`,
      [options.now, options.now, options.limit],
    );
    for (const row of rows) {
      await execute(em, `UPDATE webhook_deliveries SET claimed_until = $1 WHERE id = $2`, [
        options.leaseUntil,
        row.id,
      ]);
    }
    return rows.map(toDelivery);
  }

  /** Records one attempt's outcome and releases the lease. */
  async recordAttempt(
    em: EntityManager,
    delivery: Delivery,
    outcome: {
      status: DeliveryStatus;
      attempt: AttemptRecord;
      nextAttemptAt: string | null;
      deliveredAt: string | null;
    },
  ): Promise<void> {
    const attempts = [...delivery.attempts, outcome.attempt].slice(-50);
    await execute(
      em,
      `UPDATE webhook_deliveries SET status = $1, attempt = $2, next_attempt_at = $3, claimed_until = NULL,
         response_status = $4, latency_ms = $5, last_error = $6, attempts = $7, delivered_at = $8
       WHERE id = $9`,
      [
        outcome.status,
        outcome.attempt.attempt,
        outcome.nextAttemptAt,
        outcome.attempt.responseStatus ?? null,
        outcome.attempt.latencyMs,
        outcome.attempt.error?.slice(0, 500) ?? null,
        JSON.stringify(attempts),
        outcome.deliveredAt,
        delivery.id,
      ],
    );
  }

  /** Sends a delivery again now (a dead or delivered one, by an operator). */
  async redeliver(em: EntityManager, id: string, at: string): Promise<boolean> {
    const changed = await execute(
      em,
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $1, claimed_until = NULL
        WHERE id = $2`,
      [at, id],
    );
    return changed === 1;
  }

  async getDelivery(subscriptionId: string, id: string): Promise<Delivery | undefined> {
    const [row] = await select<DeliveryRow>(
      this.manager,
      `${SELECT_DELIVERY} WHERE d.subscription_id = $1 AND d.id = $2`,
      [subscriptionId, id],
    );
    return row ? toDelivery(row) : undefined;
  }

  async listDeliveries(options: {
    subscriptionId: string;
    status?: DeliveryStatus;
    after?: string;
    limit: number;
  }): Promise<Delivery[]> {
    const params: unknown[] = [options.subscriptionId];
    const where = ['d.subscription_id = $1'];
    if (options.status !== undefined) {
      params.push(options.status);
      where.push(`d.status = $${params.length}`);
    }
    if (options.after !== undefined) {
      params.push(options.after);
      where.push(`d.id > $${params.length}`);
    }
    params.push(options.limit);
    const rows = await select<DeliveryRow>(
      this.manager,
      `${SELECT_DELIVERY} WHERE ${where.join(' AND ')} ORDER BY d.id LIMIT $${params.length}`,
      params,
    );
    return rows.map(toDelivery);
  }

  /** Deliveries that failed at least once and are not delivered (the failure gauge). */
  async countByStatus(): Promise<Record<DeliveryStatus, number>> {
    const rows = await select<{ status: DeliveryStatus; n: number | string }>(
      this.manager,
      `SELECT status, COUNT(*) AS n FROM webhook_deliveries GROUP BY status`,
    );
    const counts: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, failed: 0, dead: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }
}
