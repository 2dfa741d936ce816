import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ObjectionRecord } from '../../domain/certification/records';
import { insertRow } from '../../infra/persistence/insert-row';
import { execute } from '../../infra/persistence/raw-sql';
import { ObjectionEntity } from './objection.entity';

/** The objections table: real-name objections to public notices and their outcomes. */
@Injectable()
export class ObjectionRepository {
  async insert(em: EntityManager, objection: ObjectionRecord): Promise<void> {
    await insertRow(em, ObjectionEntity, objection);
  }

  /** The application's open objections get the authority's outcome. */
  async decideOpen(
    em: EntityManager,
    applicationId: string,
    outcome: 'upheld' | 'dismissed',
    at: string,
  ): Promise<number> {
    return execute(
      em,
      `UPDATE objections SET status = $1, decided_at = $2 WHERE application_id = $3 AND status = 'open'`,
      [outcome, at, applicationId],
    );
  }
}
