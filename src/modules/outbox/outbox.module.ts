import { Module } from '@nestjs/common';
import { OutboxRepository } from './outbox.repository';

/** The transactional outbox table (written by the command pipeline, read by the relay). */
@Module({ providers: [OutboxRepository], exports: [OutboxRepository] })
export class OutboxModule {}
