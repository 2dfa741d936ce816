import { createReadStream } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { auditScopeOf, narrowToRegion } from '../../domain/access/list-scope';
import type { Actor } from '../../domain/access/roles';
import { bundleDigestMessage } from '../../domain/audit/case-bundle';
import type { ChainVerification } from '../../domain/audit/hash-chain';
import { checkpointMessage, verifySignature, type Checkpoint } from '../../domain/audit/signature';
import { DomainError } from '../../domain/errors';
import { Clock } from '../../infra/clock';
import { Metrics } from '../../infra/metrics/metrics';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  toPage,
  type Page,
} from '../../infra/pagination/pagination';
import { TransactionRunner } from '../../infra/persistence/transaction-runner';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import {
  AuditLogRepository,
  toAuditEventView,
  type AuditFilter,
} from '../audit-log/audit-log.repository';
import type { AuditEventView } from '../audit-log/audit-event.view';
import { AuditSigner } from '../audit-log/audit-signer';
import type { AuditQueryDto } from './dto/audit.dto';
import { msg } from '../../domain/i18n/message';

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

export type AnchorProblem = {
  /** Where the problem was found: a checkpoint in the database or a line of the anchor file. */
  source: 'database' | 'anchor-file';
  seq: number;
  /**
   * signature: the checkpoint's signature does not hold; unknown-key: signed by another key;
   * truncated: the chain ends before the checkpoint; mismatch: the event there has another hash;
   * missing: an anchored checkpoint is no longer in the database.
   */
  problem: 'signature' | 'unknown-key' | 'truncated' | 'mismatch' | 'missing';
};

export type VerifyReport = ChainVerification & {
  /** Kept for compatibility: both modes now recompute the whole chain (security review M9). */
  from: 'genesis' | 'checkpoint';
  checkpoint?: Checkpoint;
  checkpointsChecked: number;
  anchorsChecked: number;
  /** The newest position a signed checkpoint vouches for (0: none). */
  anchoredSeq: number;
  /** Events after the newest checkpoint: a truncation among them cannot be told from no events. */
  unanchoredEvents: number;
  problems: AnchorProblem[];
};

const CHECKPOINT_PAGE = 500;

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
    @Optional() private readonly metrics?: Metrics,
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
    if (scope === null) throw new DomainError('FORBIDDEN', msg('problem.auditorsOnly'));
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

  /**
   * Recomputes the whole chain from the first event (every hash, link and MAC), then checks every
   * signed checkpoint, in the database and in the anchor file, against it: a checkpoint vouches
   * for the event at its position, so a rewritten tail or a truncation below it is found even by
   * someone who could recompute the hashes.
   */
  async verify(from: 'genesis' | 'checkpoint' = 'genesis'): Promise<VerifyReport> {
    const chain = await this.log.verify();
    const head = (await this.log.head())?.seq ?? 0;
    const problems: AnchorProblem[] = [];
    let anchoredSeq = 0;
    let checkpointsChecked = 0;
    const check = (
      source: AnchorProblem['source'],
      checkpoint: Checkpoint,
      stored: Map<number, string>,
    ): boolean => {
      const problem = this.checkpointProblem(checkpoint, stored.get(checkpoint.seq), head);
      if (problem) {
        problems.push({ source, seq: checkpoint.seq, problem });
        return false;
      }
      return true;
    };
    let latest: Checkpoint | undefined;
    for (let after = 0; ;) {
      const page = await this.log.checkpointsAfter(after, CHECKPOINT_PAGE);
      if (page.length === 0) break;
      const stored = await this.log.hashesAt(page.map((c) => c.seq));
      for (const checkpoint of page) {
        checkpointsChecked++;
        if (check('database', checkpoint, stored)) anchoredSeq = checkpoint.seq;
        latest = checkpoint;
      }
      after = page[page.length - 1]!.seq;
    }
    let anchorsChecked = 0;
    for await (const anchors of this.anchorPages()) {
      const seqs = anchors.map((c) => c.seq);
      const [stored, inDatabase] = await Promise.all([
        this.log.hashesAt(seqs),
        this.log.checkpointSeqs(seqs),
      ]);
      for (const anchor of anchors) {
        anchorsChecked++;
        if (!check('anchor-file', anchor, stored)) continue;
        if (!inDatabase.has(anchor.seq)) {
          problems.push({ source: 'anchor-file', seq: anchor.seq, problem: 'missing' });
          continue;
        }
        anchoredSeq = Math.max(anchoredSeq, anchor.seq);
      }
    }
    const ok = chain.ok && problems.length === 0;
    this.metrics?.auditVerified(ok, this.clock.now());
    return {
      ...chain,
      ok,
      from,
      ...(latest ? { checkpoint: latest } : {}),
      checkpointsChecked,
      anchorsChecked,
      anchoredSeq,
      unanchoredEvents: Math.max(0, head - anchoredSeq),
      problems,
    };
  }

  private checkpointProblem(
    checkpoint: Checkpoint,
    storedHash: string | undefined,
    head: number,
  ): AnchorProblem['problem'] | undefined {
    if (checkpoint.keyId !== this.signer.keyId) return 'unknown-key';
    const { seq, hash, at } = checkpoint;
    if (
      !verifySignature(
        this.signer.publicKeyPem,
        checkpointMessage({ seq, hash, at }),
        checkpoint.signature,
      )
    ) {
      return 'signature';
    }
    if (seq > head || storedHash === undefined) return 'truncated';
    if (storedHash !== hash) return 'mismatch';
    return undefined;
  }

  /** The anchor file's checkpoints, in pages (a missing file has none; a bad line is skipped and logged). */
  private async *anchorPages(): AsyncGenerator<Checkpoint[]> {
    const file = this.config.audit.anchorFile;
    if (!file) return;
    const input = createReadStream(file, { encoding: 'utf8' });
    try {
      await new Promise<void>((resolve, reject) => {
        input.once('open', () => resolve());
        input.once('error', reject);
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    let page: Checkpoint[] = [];
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      const anchor = parseAnchor(line);
      if (!anchor) {
        this.logger.warn({ file }, 'Audit anchor file: a line is not a checkpoint');
        continue;
      }
      page.push(anchor);
      if (page.length >= CHECKPOINT_PAGE) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  /**
   * Signs the current head when it moved and either AUDIT_CHECKPOINT_EVERY events or
   * AUDIT_CHECKPOINT_SECONDS passed since the last checkpoint (always when forced), after
   * verifying the chain; then appends the checkpoint to the anchor file.
   */
  async checkpoint(force = false): Promise<Checkpoint | null> {
    const head = await this.log.head();
    if (!head) return null;
    const latest = await this.latestCheckpoint();
    if (latest && latest.seq >= head.seq) return latest;
    if (!force && latest && !this.checkpointDue(latest, head.seq)) return null;
    // Never sign a broken chain.
    const check = await this.log.verify(
      latest ? { seq: latest.seq, hash: latest.hash } : undefined,
    );
    if (!check.ok) {
      this.logger.error(
        { firstInvalidSeq: check.firstInvalidSeq, reason: check.invalidReason },
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
    try {
      await this.tx.run((em) => this.log.insertCheckpoint(em, checkpoint));
    } catch (error) {
      // Another instance signed this head (or a later one) first: theirs stands.
      const now = await this.latestCheckpoint();
      if (now && now.seq >= checkpoint.seq) return now;
      throw error;
    }
    await this.anchor(checkpoint);
    return checkpoint;
  }

  private checkpointDue(latest: Checkpoint, headSeq: number): boolean {
    if (headSeq - latest.seq >= this.config.audit.checkpointEvery) return true;
    const age = this.clock.now().getTime() - Date.parse(latest.at);
    return age >= this.config.audit.checkpointSeconds * 1000;
  }

  /** Appends a checkpoint to the anchor file and the log: copies of it outside the database. */
  private async anchor(checkpoint: Checkpoint): Promise<void> {
    this.logger.log({ checkpoint }, 'Audit checkpoint signed');
    const file = this.config.audit.anchorFile;
    if (!file) return;
    try {
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
    } catch (error) {
      this.logger.error({ err: error, file }, 'Audit checkpoint not anchored to the file');
    }
  }

  latestCheckpoint(): Promise<Checkpoint | null> {
    return this.log.latestCheckpoint();
  }

  /** Signed checkpoints, the newest first, a page at a time. */
  async checkpoints(query: { limit?: number; cursor?: string }): Promise<Page<Checkpoint>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = decodeCursor(query.cursor);
    const before = cursor === undefined ? undefined : Number(cursor);
    if (before !== undefined && (!Number.isSafeInteger(before) || before < 1)) {
      throw new DomainError('VALIDATION_FAILED', 'cursor is not valid', {
        errors: [{ field: 'cursor', message: 'cursor is not valid' }],
      });
    }
    const rows = await this.log.checkpoints(limit + 1, before);
    return toPage(
      rows,
      limit,
      (c) => c.seq,
      (c) => c,
    );
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

const parseAnchor = (line: string): Checkpoint | null => {
  try {
    const value = JSON.parse(line) as Partial<Checkpoint> | null;
    if (
      value !== null &&
      typeof value === 'object' &&
      Number.isSafeInteger(value.seq) &&
      typeof value.hash === 'string' &&
      typeof value.at === 'string' &&
      typeof value.keyId === 'string' &&
      typeof value.signature === 'string'
    ) {
      const { seq, hash, at, keyId, signature } = value as Checkpoint;
      return { seq, hash, at, keyId, signature };
    }
  } catch {
    // not JSON
  }
  return null;
};
