import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CallRecord } from '../../domain/certification/calls';
import type { Tier } from '../../domain/certification/tier';
import { insertRow } from '../../infra/persistence/insert-row';
import { select } from '../../infra/persistence/raw-sql';
import { SqlWhere } from '../../infra/persistence/sql-where';
import { CallEntity } from './call.entity';

const SELECT_CALL = `SELECT id, tier, region_code AS "regionCode", year, opens_at AS "opensAt",
  closes_at AS "closesAt", rule_set AS "ruleSet", notice_working_days AS "noticeWorkingDays",
  created_by AS "createdBy", created_at AS "createdAt" FROM calls`;

type CallRow = Omit<CallRecord, 'year' | 'noticeWorkingDays'> & {
  year: number | string;
  noticeWorkingDays: number | string | null;
};

const fromRow = (r: CallRow): CallRecord => ({
  ...r,
  year: Number(r.year),
  noticeWorkingDays: r.noticeWorkingDays === null ? null : Number(r.noticeWorkingDays),
});

/** The calls table. */
@Injectable()
export class CallRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(em: EntityManager, call: CallRecord): Promise<void> {
    await insertRow(em, CallEntity, call);
  }

  async get(id: string, em?: EntityManager): Promise<CallRecord | undefined> {
    const [row] = await select<CallRow>(
      em ?? this.dataSource.manager,
      `${SELECT_CALL} WHERE id = $1`,
      [id],
    );
    return row ? fromRow(row) : undefined;
  }

  /** Every call of a tier, the earliest opening first. */
  async ofTier(em: EntityManager, tier: Tier): Promise<CallRecord[]> {
    const rows = await select<CallRow>(em, `${SELECT_CALL} WHERE tier = $1 ORDER BY opens_at`, [
      tier,
    ]);
    return rows.map(fromRow);
  }

  async page(
    filter: { tier?: Tier; open?: boolean; now: string; after?: string },
    limit: number,
  ): Promise<CallRecord[]> {
    const where = new SqlWhere();
    if (filter.tier) where.add('tier = ?', filter.tier);
    if (filter.open === true) where.add('opens_at <= ? AND closes_at >= ?', filter.now, filter.now);
    if (filter.open === false) where.add('(opens_at > ? OR closes_at < ?)', filter.now, filter.now);
    if (filter.after) where.add('id > ?', filter.after);
    const rows = await select<CallRow>(
      this.dataSource.manager,
      `${SELECT_CALL}${where.toString()} ORDER BY id LIMIT ${where.next(limit)}`,
      where.params,
    );
    return rows.map(fromRow);
  }
}
