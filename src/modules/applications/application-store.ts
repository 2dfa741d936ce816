// Hand-written SQL for the applications table: the command pipeline's hot path.
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../domain/errors';
import { insertRow } from '../../shared/persistence/insert-row';
import { execute, select } from '../../shared/persistence/raw-sql';
import { ApplicationEntity } from './application.entity';

const SELECT_APPLICATION = `SELECT id, enterprise_id, region_code, tier, state, version, rule_set,
  machine_id, machine_version, snapshot, facts, facts_hash, assessment, call_id, certificate_id,
  re_review_of, created_at, updated_at FROM applications`;

type ApplicationRow = {
  id: string;
  enterprise_id: string;
  region_code: string;
  tier: ApplicationEntity['tier'];
  state: ApplicationEntity['state'];
  version: number | string;
  rule_set: string;
  machine_id: string;
  machine_version: number | string;
  snapshot: string;
  facts: string;
  facts_hash: string | null;
  assessment: string | null;
  call_id: string | null;
  certificate_id: string | null;
  re_review_of: string | null;
  created_at: string;
  updated_at: string;
};

const fromRow = (r: ApplicationRow): ApplicationEntity => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  regionCode: r.region_code,
  tier: r.tier,
  state: r.state,
  version: Number(r.version),
  ruleSet: r.rule_set,
  machineId: r.machine_id,
  machineVersion: Number(r.machine_version),
  snapshot: JSON.parse(r.snapshot) as ApplicationEntity['snapshot'],
  facts: JSON.parse(r.facts) as ApplicationEntity['facts'],
  factsHash: r.facts_hash,
  assessment:
    r.assessment === null ? null : (JSON.parse(r.assessment) as ApplicationEntity['assessment']),
  callId: r.call_id,
  certificateId: r.certificate_id,
  reReviewOf: r.re_review_of,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const loadApplication = async (
  em: EntityManager,
  id: string,
): Promise<ApplicationEntity | undefined> => {
  const [row] = await select<ApplicationRow>(em, `${SELECT_APPLICATION} WHERE id = $1`, [id]);
  return row ? fromRow(row) : undefined;
};

export const insertApplication = (em: EntityManager, row: ApplicationEntity): Promise<void> =>
  insertRow(em, ApplicationEntity, row);

export type ApplicationChanges = Partial<
  Pick<
    ApplicationEntity,
    'state' | 'snapshot' | 'facts' | 'factsHash' | 'assessment' | 'certificateId' | 'updatedAt'
  >
>;

const COLUMN_OF: Record<keyof ApplicationChanges, string> = {
  state: 'state',
  snapshot: 'snapshot',
  facts: 'facts',
  factsHash: 'facts_hash',
  assessment: 'assessment',
  certificateId: 'certificate_id',
  updatedAt: 'updated_at',
};
const JSON_COLUMNS = new Set<keyof ApplicationChanges>(['snapshot', 'facts', 'assessment']);

/** Writes changed columns with the optimistic version check; a stale version is a 409. */
export const writeApplication = async (
  em: EntityManager,
  row: ApplicationEntity,
  changes: ApplicationChanges,
): Promise<ApplicationEntity> => {
  const version = row.version + 1;
  const columns: string[] = ['version'];
  const values: unknown[] = [version];
  for (const [key, value] of Object.entries(changes) as [keyof ApplicationChanges, unknown][]) {
    if (value === undefined) continue;
    columns.push(COLUMN_OF[key]);
    values.push(JSON_COLUMNS.has(key) && value !== null ? JSON.stringify(value) : value);
  }
  const assignments = columns.map((c, i) => `${c} = $${i + 1}`).join(', ');
  const n = columns.length;
  const changed = await execute(
    em,
    `UPDATE applications SET ${assignments} WHERE id = $${n + 1} AND version = $${n + 2}`,
    [...values, row.id, row.version],
  );
  if (changed !== 1) {
    throw new DomainError(
      'VERSION_CONFLICT',
      `application ${row.id} was changed by another request`,
    );
  }
  return { ...row, ...changes, version };
};
