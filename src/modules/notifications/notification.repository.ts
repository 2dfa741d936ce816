import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  NotificationDraft,
  NotificationParams,
  NotificationType,
} from '../../domain/events/notifications';
import { newId } from '../../infra/ids';
import { execute, select } from '../../infra/persistence/raw-sql';

export type NotificationRecord = {
  id: string;
  enterpriseId: string;
  type: NotificationType;
  subject: { kind: string; id: string };
  params: NotificationParams;
  eventId: string;
  createdAt: string;
  readAt: string | null;
};

type Row = {
  id: string;
  enterprise_id: string;
  type: NotificationType;
  subject_type: string;
  subject_id: string;
  params: string;
  event_id: string;
  created_at: string;
  read_at: string | null;
};

const toRecord = (r: Row): NotificationRecord => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  type: r.type,
  subject: { kind: r.subject_type, id: r.subject_id },
  params: JSON.parse(r.params) as NotificationParams,
  eventId: r.event_id,
  createdAt: r.created_at,
  readAt: r.read_at,
});

/** The notifications table: enterprises' inboxes. */
@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores one notification per event (a second insert for the same event is ignored). */
  async insert(
    em: EntityManager,
    draft: NotificationDraft,
    eventId: string,
    at: string,
  ): Promise<void> {
    await execute(
      em,
      `INSERT INTO notifications (id, enterprise_id, type, subject_type, subject_id, params, event_id,
         created_at, read_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL)
       ON CONFLICT (event_id) DO NOTHING`,
      [
        newId(),
        draft.enterpriseId,
        draft.type,
        draft.subject.kind,
        draft.subject.id,
        JSON.stringify(draft.params),
        eventId,
        at,
      ],
    );
  }

  /** An enterprise's notifications, newest first (keyset on the time-ordered id). */
  async list(options: {
    enterpriseId: string;
    unread: boolean;
    before?: string;
    limit: number;
  }): Promise<NotificationRecord[]> {
    const params: unknown[] = [options.enterpriseId];
    let where = 'enterprise_id = $1';
    if (options.unread) where += ' AND read_at IS NULL';
    if (options.before !== undefined) {
      params.push(options.before);
      where += ` AND id < $${params.length}`;
    }
    params.push(options.limit);
    const rows = await select<Row>(
      this.dataSource.manager,
      `SELECT id, enterprise_id, type, subject_type, subject_id, params, event_id, created_at, read_at
         FROM notifications WHERE ${where} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecord);
  }

  async unreadCount(enterpriseId: string): Promise<number> {
    const [row] = await select<{ n: number | string }>(
      this.dataSource.manager,
      `SELECT COUNT(*) AS n FROM notifications WHERE enterprise_id = $1 AND read_at IS NULL`,
      [enterpriseId],
    );
    return Number(row?.n ?? 0);
  }

  /** Marks one of the enterprise's notifications read; false when it has no such notification. */
  async markRead(
    em: EntityManager,
    enterpriseId: string,
    id: string,
    at: string,
  ): Promise<boolean> {
    const [row] = await select<{ id: string }>(
      em,
      `SELECT id FROM notifications WHERE id = $1 AND enterprise_id = $2`,
      [id, enterpriseId],
    );
    if (!row) return false;
    await execute(em, `UPDATE notifications SET read_at = $1 WHERE id = $2 AND read_at IS NULL`, [
      at,
      id,
    ]);
    return true;
  }
}
