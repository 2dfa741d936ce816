import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../domain/access/roles';
import type { DomainEvent } from '../../domain/events/domain-event';
import {
  notificationOf,
  renderNotification,
  type Language,
} from '../../domain/events/notifications';
import { DomainError } from '../../domain/errors';
import { Clock } from '../../infra/clock';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage } from '../../infra/pagination/pagination';
import { TransactionRunner } from '../../infra/persistence/transaction-runner';
import type { ListNotificationsQueryDto } from './dto/notification.dto';
import { NotificationRepository, type NotificationRecord } from './notification.repository';

const enterpriseOf = (actor: Actor): string => {
  if (actor.kind === 'user' && actor.role === 'enterprise' && actor.enterpriseId) {
    return actor.enterpriseId;
  }
  throw new DomainError('FORBIDDEN', 'notifications are for enterprise users');
};

/** The enterprises' inboxes: fed by the relay from the outbox, read and marked by their users. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly repository: NotificationRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** The notification an outbox event sends, if any, in the relay's transaction. */
  async record(em: EntityManager, event: DomainEvent, at: string): Promise<boolean> {
    const draft = notificationOf(event);
    if (!draft) return false;
    await this.repository.insert(em, draft, event.id, at);
    return true;
  }

  async list(actor: Actor, query: ListNotificationsQueryDto, language: Language) {
    const enterpriseId = enterpriseOf(actor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const before = decodeCursor(query.cursor);
    const rows = await this.repository.list({
      enterpriseId,
      unread: query.unread === true,
      ...(before ? { before } : {}),
      limit: limit + 1,
    });
    const page = toPage(
      rows,
      limit,
      (n) => n.id,
      (n) => view(n, language),
    );
    return { ...page, unreadCount: await this.repository.unreadCount(enterpriseId) };
  }

  async markRead(actor: Actor, id: string): Promise<void> {
    const enterpriseId = enterpriseOf(actor);
    const found =
      /^[0-9a-f-]{36}$/i.test(id) &&
      (await this.tx.run((em) =>
        this.repository.markRead(em, enterpriseId, id, this.clock.nowIso()),
      ));
    if (!found) throw new DomainError('NOT_FOUND', `notification ${id} not found`);
  }
}

const view = (n: NotificationRecord, language: Language) => {
  const text = renderNotification(n.type, n.params, language);
  return {
    id: n.id,
    type: n.type,
    subject: n.subject,
    title: text.title,
    body: text.body,
    ...(n.params.dueAt ? { dueAt: n.params.dueAt } : {}),
    ...(n.params.requestedDocuments ? { requestedDocuments: n.params.requestedDocuments } : {}),
    createdAt: n.createdAt,
    ...(n.readAt ? { readAt: n.readAt } : {}),
  };
};
