import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import archiver from 'archiver';
import { MEDIA_TYPES } from '../../domain/documents/media-type';
import { BUNDLE_FORMAT_V2, type BundleDocument } from '../../domain/audit/case-bundle';
import { canonicalJson } from '../../domain/audit/hash-chain';
import { isDeepStrictEqual } from 'node:util';
import type { Actor } from '../../domain/access/roles';
import { workflowVersion } from '../../domain/certification/application.machines';
import type { ApplicationRecord } from '../../domain/certification/records';
import { replayApplication, startVersionOf } from '../../domain/certification/replay';
import { Clock } from '../../infra/clock';
import { ApplicationsQueries } from '../applications/applications.queries';
import { AuditLogRepository } from '../audit-log/audit-log.repository';
import { DocumentRepository } from '../documents/document.repository';
import { DocumentsService } from '../documents/documents.service';
import { AuditService } from './audit.service';

export type ReplayReport = {
  applicationId: string;
  machineId: string;
  machineVersion: number;
  storedState: string;
  replayedState: string;
  eventsReplayed: number;
  matches: boolean;
  divergence?: { seq: number; event: string; expected: string | null; got: string };
  differences?: string[];
};

export const BUNDLE_FORMAT = BUNDLE_FORMAT_V2;

/** The file extension of a stored media type (`application/pdf` → `pdf`). */
const extensionOf = (mediaType: string): string =>
  Object.values(MEDIA_TYPES).find((t) => t.mediaType === mediaType)?.extensions[0] ?? 'bin';

/** A stream opened when it is first read (a zip reads its entries one after another). */
const lazy = (open: () => Promise<Readable>): Readable =>
  Readable.from(
    (async function* () {
      for await (const chunk of await open()) yield chunk as Buffer;
    })(),
    { objectMode: false },
  );

/** Case files for auditors: signed bundles and replays of an application's history. */
@Injectable()
export class CaseFilesService {
  constructor(
    private readonly applications: ApplicationsQueries,
    private readonly log: AuditLogRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly documents: DocumentRepository,
    private readonly documentFiles: DocumentsService,
  ) {}

  private readonly logger = new Logger(CaseFilesService.name);

  /**
   * The case bundle with its files, as a zip: `bundle.json` (the signed bundle, as the JSON route
   * gives it) and `documents/<kind>/<sha256>.<ext>`, one entry per distinct file of every listed
   * document (deleted ones included). Streamed: each file is read from the store when the zip
   * reaches it, never held whole. The downloads are recorded first, so the bundle lists them.
   */
  async bundleZip(applicationId: string, actor: Actor, requestId: string): Promise<Readable> {
    await this.applications.get(applicationId, actor);
    const files = await this.documentFiles.filesForBundle(applicationId, actor, requestId);
    const bundle = await this.bundle(applicationId, actor);
    const zip = archiver('zip', { zlib: { level: 6 } });
    const out = new PassThrough();
    zip.on('warning', (error) => zip.emit('error', error));
    zip.on('error', (error) => {
      this.logger.warn(`case bundle zip of ${applicationId} failed: ${error.message}`);
      out.destroy(error);
    });
    zip.pipe(out);
    zip.append(bundle, { name: 'bundle.json' });
    const named = new Set<string>();
    for (const { document, open } of files) {
      const name = `documents/${document.kind}/${document.sha256}.${extensionOf(document.mediaType)}`;
      if (named.has(name)) continue;
      named.add(name);
      // PDFs, images and OFD packages are compressed already: stored as they are.
      zip.append(lazy(open), { name, store: true, date: new Date(document.uploadedAt) });
    }
    void zip.finalize().catch(() => undefined);
    return out;
  }

  /**
   * The application, its whole history with the hashes that link each event into the global chain,
   * the newest signed checkpoint, the public key, and a signature over all of it: streamed as the
   * document's canonical JSON (RFC 8785, keys in order, "signature" last), hashed on the way and
   * signed at the end, so that no history is ever held in memory whole (security review M4).
   */
  async bundle(applicationId: string, actor: Actor): Promise<Readable> {
    const application = await this.applications.get(applicationId, actor);
    const head = await this.log.head();
    const checkpoint = await this.audit.latestCheckpoint();
    const { allowedEvents: _caller, ...record } = application;
    const generatedAt = this.clock.nowIso();
    const publicKey = this.audit.publicKey();
    const documents: BundleDocument[] = (await this.documents.allOf(applicationId)).map((d) => ({
      id: d.id,
      kind: d.kind,
      ...(d.year !== null ? { year: d.year } : {}),
      fileName: d.fileName,
      mediaType: d.mediaType,
      size: d.size,
      sha256: d.sha256,
      uploadedBy: d.uploadedBy,
      uploadedAt: d.uploadedAt,
      ...(d.deletedAt !== null ? { deletedAt: d.deletedAt } : {}),
    }));
    const log = this.log;
    const audit = this.audit;
    async function* parts(): AsyncGenerator<string> {
      const digest = createHash('sha256');
      const signed = (text: string) => {
        digest.update(text);
        return text;
      };
      yield signed(
        `{"application":${canonicalJson(record)},"chainHead":${canonicalJson(head)},` +
          `"checkpoint":${canonicalJson(checkpoint)},"documents":${canonicalJson(documents)},` +
          `"events":[`,
      );
      let first = true;
      for await (const event of log.eventsOf('application', applicationId)) {
        yield signed(`${first ? '' : ','}${canonicalJson(event)}`);
        first = false;
      }
      yield signed(
        `],"format":${canonicalJson(BUNDLE_FORMAT)},"generatedAt":${canonicalJson(generatedAt)},` +
          `"publicKey":${canonicalJson(publicKey)}`,
      );
      // Signed: the canonical JSON of the document without its signature, which ends here.
      digest.update('}');
      const signature = audit.signBundleDigest(digest.digest('hex'));
      yield `,"signature":${canonicalJson(signature)}}`;
    }
    return Readable.from(parts(), { objectMode: false });
  }

  async replay(applicationId: string, actor: Actor): Promise<ReplayReport> {
    return this.replayRecord(await this.applications.record(applicationId, actor));
  }

  /** Replays every application, in pages; returns the count and the mismatches. */
  async replayAll(): Promise<{ checked: number; mismatches: ReplayReport[] }> {
    const mismatches: ReplayReport[] = [];
    let checked = 0;
    let after = '';
    for (;;) {
      const ids = await this.applications.idsAfter(after, 500);
      for (const id of ids) {
        const report = await this.replayRecord(await this.applications.systemRecord(id));
        checked++;
        if (!report.matches) mismatches.push(report);
      }
      if (ids.length < 500) return { checked, mismatches };
      after = ids[ids.length - 1]!;
    }
  }

  private async replayRecord(row: ApplicationRecord): Promise<ReplayReport> {
    const history = await this.log.forSubject('application', row.id);
    // A history that crosses a migration starts on the version the application was created with.
    const workflow = workflowVersion(row.machineId, startVersionOf(history, row.machineVersion));
    const created = history.find((e) => e.event === 'application.create');
    const createdData = (created?.data ?? {}) as { callClosesAt?: string | null };
    const base = {
      applicationId: row.id,
      machineId: row.machineId,
      machineVersion: row.machineVersion,
      storedState: row.state,
    };
    if (!workflow || !created) {
      return {
        ...base,
        replayedState: 'unavailable',
        eventsReplayed: 0,
        matches: false,
        differences: ['machine or creation event missing'],
      };
    }
    const result = replayApplication(
      workflow,
      { applicationId: row.id, tier: row.tier, callClosesAt: createdData.callClosesAt ?? null },
      history,
      (version) => workflowVersion(row.machineId, version),
    );
    const differences: string[] = [];
    if (result.snapshot.value !== row.snapshot.value) differences.push('value');
    // The state and version columns (what lists, filters and migrations read) agree with it too.
    if (result.snapshot.value !== row.state) differences.push('state');
    if (result.version !== row.machineVersion) differences.push('machineVersion');
    if (result.snapshot.status !== row.snapshot.status) differences.push('status');
    for (const key of new Set([
      ...Object.keys(result.snapshot.context),
      ...Object.keys(row.snapshot.context),
    ])) {
      const a = (result.snapshot.context as Record<string, unknown>)[key];
      const b = (row.snapshot.context as Record<string, unknown>)[key];
      if (!isDeepStrictEqual(a, b)) differences.push(`context.${key}`);
    }
    return {
      ...base,
      replayedState: result.snapshot.value,
      eventsReplayed: result.eventsReplayed,
      matches: differences.length === 0 && !result.divergence,
      ...(result.divergence ? { divergence: result.divergence } : {}),
      ...(differences.length ? { differences } : {}),
    };
  }
}
