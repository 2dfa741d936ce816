import type { EntityManager } from 'typeorm';
import { DomainError } from '../../domain/errors';
import { execute, select } from '../../shared/persistence/raw-sql';
import type { CertificateEntity } from './certificate.entity';

export const SELECT_CERTIFICATE = `SELECT id, enterprise_id, region_code, tier, status, version,
  application_id, valid_from, valid_to, bar_until, machine_id, machine_version, snapshot,
  created_at, updated_at FROM certificates`;

export type CertificateRow = {
  id: string;
  enterprise_id: string;
  region_code: string;
  tier: CertificateEntity['tier'];
  status: CertificateEntity['status'];
  version: number | string;
  application_id: string;
  valid_from: string;
  valid_to: string;
  bar_until: string | null;
  machine_id: string;
  machine_version: number | string;
  snapshot: string;
  created_at: string;
  updated_at: string;
};

export const certificateFromRow = (r: CertificateRow): CertificateEntity => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  regionCode: r.region_code,
  tier: r.tier,
  status: r.status,
  version: Number(r.version),
  applicationId: r.application_id,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  barUntil: r.bar_until,
  machineId: r.machine_id,
  machineVersion: Number(r.machine_version),
  snapshot: JSON.parse(r.snapshot) as CertificateEntity['snapshot'],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const loadCertificate = async (
  em: EntityManager,
  id: string,
): Promise<CertificateEntity | undefined> => {
  const [row] = await select<CertificateRow>(em, `${SELECT_CERTIFICATE} WHERE id = $1`, [id]);
  return row ? certificateFromRow(row) : undefined;
};

/** Writes the new snapshot and its queryable columns, with the optimistic version check. */
export const writeCertificate = async (
  em: EntityManager,
  row: CertificateEntity,
  next: Pick<CertificateEntity, 'status' | 'snapshot' | 'validTo' | 'barUntil' | 'updatedAt'>,
): Promise<CertificateEntity> => {
  const changed = await execute(
    em,
    `UPDATE certificates SET status = $1, snapshot = $2, valid_to = $3, bar_until = $4,
       updated_at = $5, version = $6 WHERE id = $7 AND version = $8`,
    [
      next.status,
      JSON.stringify(next.snapshot),
      next.validTo,
      next.barUntil,
      next.updatedAt,
      row.version + 1,
      row.id,
      row.version,
    ],
  );
  if (changed !== 1) {
    throw new DomainError(
      'VERSION_CONFLICT',
      `certificate ${row.id} was changed by another request`,
    );
  }
  return { ...row, ...next, version: row.version + 1 };
};
