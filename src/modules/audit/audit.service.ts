import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { auditScopeOf, narrowToRegion } from '../../domain/access/list-scope';
import type { Actor } from '../../domain/access/roles';
import { bundleDigestMessage } from '../../domain/audit/case-bundle';
import type { ChainVerification } from '../../domain/audit/hash-chain';
import { checkpointMessage, verifySignature, type Checkpoint } from '../../domain/audit/signature';
import { DomainError } from '../../domain/errors';
import { Clock } from '../../shared/clock';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  type Page,
} from '../../shared/pagination/pagination';
import { TransactionRunner } from '../../shared/persistence/transaction-runner';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import {
  AuditLogRepository,
  toAuditEventView,
  type AuditFilter,
} from '../audit-log/audit-log.repository';
import type { AuditEventView } from '../audit-log/audit-event.view';
import { AuditSigner } from './audit-signer';
import type { AuditQueryDto } from './dto/audit.dto';

const EXPORT_PAGE = 2000;

const CSV_COLUMNS = [
  'seq',
  'at',
  'actorId',
  'actorRole',
  'actorLevel',
  'actorRegion',
  'subjectType',
  'subjectId',
  'enterpriseId',
  'regionCode',
  'event',
  'fromState',
  'toState',
  'comment',
  'data',
  'requestId',
  'prevHash',
  'hash',
] as const;

// OWASP CSV injection: a spreadsheet evaluates a cell that starts with = + - @, a tab or a CR
// (quoted or not); such a cell gets a leading apostrophe, which shows the text as text.
const FORMULA_START = /^[=+\-@\t\r]/;

export const csvField = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const csvLine = (e: AuditEventView): string =>
  [
    e.seq,
    e.at,
    e.actor.id,
    e.actor.role,
    e.actor.level,
    e.actor.regionCode,
    e.subject.type,
    e.subject.id,
    e.enterpriseId,
    e.regionCode,
    e.event,
    e.fromState,
    e.toState,
    e.comment,
    e.data === null ? null : JSON.stringify(e.data),
    e.requestId,
    e.prevHash,
    e.hash,
  ]
    .map(csvField)
    .join(',');

export type VerifyReport = ChainVerification & {
  from: 'genesis' | 'checkpoint';
  checkpoint?: Checkpoint;
};

/** The auditor's workbench: scoped queries, streamed exports, verification and checkpoints. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly log: AuditLogRepository,
    private readonly signer: AuditSigner,
    private readonly clock: Clock,
  ) {}

  /**
   * The filter an actor may see (domain/access: auditors their region, admins everything); a region
   * asked for is narrowed to it, and one outside it gives an empty result (nothing is leaked).
   */
  filterFor(query: AuditQueryDto, actor: Actor): AuditFilter {
    const filter: AuditFilter = {
      ...(query.applicationId
        ? { subjectType: 'application', subjectId: query.applicationId }
        : {}),
      ...(query.certificateId
        ? { subjectType: 'certificate', subjectId: query.certificateId }
        : {}),
      ...(query.enterpriseId ? { enterpriseId: query.enterpriseId } : {}),
      ...(query.actorId ? { actorId: query.actorId } : {}),
      ...(query.type ? { event: query.type } : {}),
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
    };
    const scope = auditScopeOf(actor);
    if (scope === null) throw new DomainError('FORBIDDEN', 'The audit log is for auditors');
    const narrowed = query.regionCode ? narrowToRegion(scope, query.regionCode) : scope;
    if (narrowed === null) return { ...filter, nothing: true };
    return narrowed.regionPrefix === undefined
      ? filter
      : { ...filter, regionPrefix: narrowed.regionPrefix };
  }

  async list(
    query: AuditQueryDto & { limit?: number; cursor?: string },
    actor: Actor,
  ): Promise<Page<AuditEventView>> {
    const filter = this.filterFor(query, actor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = Number(decodeCursor(query.cursor) ?? 0);
    if (!Number.isSafeInteger(after) || after < 0) {
      throw new DomainError('VALIDATION_FAILED', 'cursor is not valid', {
        errors: [{ field: 'cursor', message: 'cursor is not valid' }],
      });
    }
    const rows = await this.log.page(filter, after, limit + 1);
    const more = rows.length > limit;
    const items = (more ? rows.slice(0, limit) : rows).map(toAuditEventView);
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? encodeCursor(last.seq) : null };
  }

  /**
   * Every matching event, streamed page by page (constant memory whatever the size), up to the head
   * of the chain when the export began.
   */
  async export(query: AuditQueryDto, actor: Actor, format: 'ndjson' | 'csv'): Promise<Readable> {
    const filter = this.filterFor(query, actor);
    const head = (await this.log.head())?.seq ?? 0;
    const log = this.log;
    async function* lines(): AsyncGenerator<string> {
      if (format === 'csv') yield `${CSV_COLUMNS.join(',')}\n`;
      let after = 0;
      for (;;) {
        const rows = await log.page(filter, after, EXPORT_PAGE, head);
        if (rows.length === 0) return;
        let chunk = '';
        for (const row of rows) {
          const event = toAuditEventView(row);
          chunk += format === 'csv' ? `${csvLine(event)}\n` : `${JSON.stringify(event)}\n`;
        }
        yield chunk;
        if (rows.length < EXPORT_PAGE) return;
        after = Number(rows[rows.length - 1]!.seq);
      }
    }
    return Readable.from(lines(), { objectMode: false });
  }

  /** Recomputes the chain from the first event, or from the newest checkpoint whose signature holds. */
  async verify(from: 'genesis' | 'checkpoint' = 'genesis'): Promise<VerifyReport> {
    if (from === 'checkpoint') {
      const checkpoint = await this.latestCheckpoint();
      if (checkpoint) {
        const hash = await this.log.hashAt(checkpoint.seq);
        const signed = verifySignature(
          this.signer.publicKeyPem,
          checkpointMessage(checkpoint),
          checkpoint.signature,
        );
        if (!signed || hash !== checkpoint.hash) {
          return {
            ok: false,
            eventsChecked: 0,
            headHash: checkpoint.hash,
            firstInvalidSeq: checkpoint.seq,
            from,
            checkpoint,
          };
        }
        return {
          ...(await this.log.verify({ seq: checkpoint.seq, hash: checkpoint.hash })),
          from,
          checkpoint,
        };
      }
    }
    return { ...(await this.log.verify()), from: 'genesis' };
  }

  /** Signs the current head (when it moved) after verifying the chain up to it. */
  async checkpoint(force = false): Promise<Checkpoint | null> {
    const head = await this.log.head();
    if (!head) return null;
    const latest = await this.latestCheckpoint();
    if (latest && latest.seq >= head.seq) return latest;
    if (!force && latest && head.seq - latest.seq < this.config.audit.checkpointEvery) return null;
    // Never sign a broken chain.
    const check = await this.log.verify(
      latest ? { seq: latest.seq, hash: latest.hash } : undefined,
    );
    if (!check.ok) {
      this.logger.error(
        { firstInvalidSeq: check.firstInvalidSeq },
        'Audit chain broken: no checkpoint signed',
      );
      return null;
    }
    const at = this.clock.nowIso();
    const headHash = await this.log.hashAt(head.seq);
    if (headHash === undefined || headHash !== check.headHash) return null;
    const body = { seq: head.seq, hash: headHash, at };
    const checkpoint: Checkpoint = {
      ...body,
      keyId: this.signer.keyId,
      signature: this.signer.sign(checkpointMessage(body)),
    };
    await this.tx.run((em) => this.log.insertCheckpoint(em, checkpoint));
    return checkpoint;
  }

  latestCheckpoint(): Promise<Checkpoint | null> {
    return this.log.latestCheckpoint();
  }

  checkpoints(limit = 100): Promise<Checkpoint[]> {
    return this.log.checkpoints(limit);
  }

  publicKey() {
    return this.signer.publicKey();
  }

  /** A format-2 case bundle's signature: over the sha256 of its canonical JSON (streamed). */
  signBundleDigest(sha256Hex: string): { keyId: string; algorithm: string; value: string } {
    return {
      keyId: this.signer.keyId,
      algorithm: 'Ed25519',
      value: this.signer.sign(bundleDigestMessage(sha256Hex)),
    };
  }
}
