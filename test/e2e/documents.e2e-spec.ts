import type { Test } from 'supertest';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZipFile } from '../../scripts/read-zip';
import { verifyBundleCli } from '../../scripts/verify-bundle';
import { SYSTEM_ACTOR } from '../../src/domain/access/roles';
import { ApplicationCommands } from '../../src/modules/commands/application-commands.service';
import { DOCUMENT_STORE, type DocumentStore } from '../../src/modules/documents/document-store';
import { DocumentsService } from '../../src/modules/documents/documents.service';
import { FsDocumentStore } from '../../src/modules/documents/fs-document-store';
import { S3DocumentStore } from '../../src/modules/documents/s3-document-store';
import { passingFacts } from '../factories/facts.factory';
import { registerEnterprise, type EnterpriseSession, type Session } from '../support/actors';
import { startWithAuthorities, type Authorities } from '../support/authorities';
import { expectEveryApplicationReplays } from '../support/replay';
import type { TestApp } from '../support/test-app';

/** A supertest parser that keeps the body as bytes (`.buffer(true).parse(asBytes)`). */
const asBytes: Parameters<Test['parse']>[0] = (res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const MAX_FILE = 64 * 1024;
const MAX_TOTAL = 160 * 1024;

/** A PDF-looking file of exactly `size` bytes. */
const pdf = (size = 2048, seed = 'x') => {
  const head = Buffer.from(`%PDF-1.7\n% ${seed}\n`);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), seed.charCodeAt(0))]);
};
const png = () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2]);
const exe = () => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(600, 1)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

type DocumentBody = { id: string; sha256: string; size: number; kind: string; frozen: boolean };
type ChecklistBody = {
  items: { kind: string; year?: number; met: boolean; required: boolean; requested?: true }[];
};

describe('documents API', () => {
  let t: TestApp;
  let a: Authorities;

  beforeAll(async () => {
    ({ t, a } = await startWithAuthorities({
      env: {
        DOCUMENTS_REQUIRED: 'true',
        DOCUMENT_MAX_BYTES: String(MAX_FILE),
        DOCUMENT_MAX_TOTAL_BYTES: String(MAX_TOTAL),
      },
    }));
  });
  afterAll(() => t.close());

  const create = async (owner?: EnterpriseSession) => {
    const enterprise = owner ?? (await registerEnterprise(t.http));
    const res = await t.http
      .post('/api/v1/applications')
      .set(enterprise.auth)
      .send({
        enterpriseId: enterprise.enterpriseId,
        tier: 'innovative_sme',
        facts: passingFacts(2026),
      })
      .expect(201);
    return { id: (res.body as { id: string }).id, owner: enterprise };
  };
  const upload = (
    id: string,
    who: Session,
    file: Buffer,
    name: string,
    fields: Record<string, string> = { kind: 'other' },
  ) => {
    let req = t.http.post(`/api/v1/applications/${id}/documents`).set(who.auth);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', file, name);
  };
  const send = (id: string, who: Session, type: string, extra: object = {}) =>
    t.http
      .post(`/api/v1/applications/${id}/events`)
      .set(who.auth)
      .send({ type, ...extra });
  const list = async (id: string, who: Session) =>
    (await t.http.get(`/api/v1/applications/${id}/documents`).set(who.auth).expect(200)).body as {
      items: DocumentBody[];
    };
  const chainLength = async () =>
    (await t.http.get('/api/v1/audit/verify').set(a.auditor.auth).expect(200)).body
      .eventsChecked as number;
  const history = async (id: string) =>
    (
      await t.http
        .get(`/api/v1/applications/${id}/history?limit=500`)
        .set(a.auditor.auth)
        .expect(200)
    ).body.items as { event: string; data: Record<string, unknown>; actor: { id: string } }[];
  const checklist = async (id: string, who: Session) =>
    (await t.http.get(`/api/v1/applications/${id}/documents/checklist`).set(who.auth).expect(200))
      .body as ChecklistBody;
  /** Uploads one document for each unmet item of the checklist. */
  const fulfil = async (id: string, who: Session) => {
    for (const item of (await checklist(id, who)).items.filter((i) => !i.met)) {
      await upload(id, who, pdf(1024, item.kind), `${item.kind}-${item.year ?? 'x'}.pdf`, {
        kind: item.kind,
        ...(item.year !== undefined ? { year: String(item.year) } : {}),
      }).expect(201);
    }
  };

  it('stores an upload with its hash, lists it, serves it whole and in ranges, and deletes it', async () => {
    const { id, owner } = await create();
    const bytes = pdf(5000, 'a');
    const res = await upload(id, owner, bytes, '审计报告 2025.pdf', {
      kind: 'financial_statement',
      year: '2025',
      note: 'audited',
    }).expect(201);
    const doc = res.body as DocumentBody & Record<string, unknown>;
    expect(doc).toMatchObject({
      applicationId: id,
      kind: 'financial_statement',
      year: 2025,
      note: 'audited',
      fileName: '审计报告 2025.pdf',
      mediaType: 'application/pdf',
      size: 5000,
      sha256: sha256(bytes),
      uploadedBy: owner.id,
      frozen: false,
    });
    expect((await list(id, owner)).items.map((d) => d.id)).toEqual([doc.id]);
    await t.http
      .get(`/api/v1/applications/${id}/documents/${doc.id}`)
      .set(owner.auth)
      .expect(200)
      .expect((r) => expect(r.body).toEqual(doc));

    const whole = await t.http
      .get(`/api/v1/applications/${id}/documents/${doc.id}/content`)
      .set(owner.auth)
      .buffer(true)
      .parse(asBytes)
      .expect(200);
    expect(Buffer.compare(whole.body as Buffer, bytes)).toBe(0);
    expect(whole.headers['content-type']).toBe('application/pdf');
    expect(whole.headers.etag).toBe(`"${sha256(bytes)}"`);
    expect(whole.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('审计报告 2025.pdf')}`,
    );
    const part = await t.http
      .get(`/api/v1/applications/${id}/documents/${doc.id}/content`)
      .set(owner.auth)
      .set('Range', 'bytes=10-19')
      .buffer(true)
      .parse(asBytes)
      .expect(206);
    expect(part.headers['content-range']).toBe('bytes 10-19/5000');
    expect(Buffer.compare(part.body as Buffer, bytes.subarray(10, 20))).toBe(0);
    await t.http
      .get(`/api/v1/applications/${id}/documents/${doc.id}/content`)
      .set(owner.auth)
      .set('Range', 'bytes=6000-')
      .expect(416);

    await t.http
      .delete(`/api/v1/applications/${id}/documents/${doc.id}`)
      .set(owner.auth)
      .expect(204);
    expect((await list(id, owner)).items).toEqual([]);
    await t.http.get(`/api/v1/applications/${id}/documents/${doc.id}`).set(owner.auth).expect(404);
    // The trail stays: upload and deletion, with the hash.
    const trail = (await history(id)).filter((e) => e.event.startsWith('document.'));
    expect(trail.map((e) => e.event)).toEqual(['document.upload', 'document.delete']);
    expect(trail.every((e) => e.data.sha256 === sha256(bytes))).toBe(true);
  });

  describe('bad input changes nothing', () => {
    let id: string;
    let owner: EnterpriseSession;
    let stranger: EnterpriseSession;
    beforeAll(async () => {
      ({ id, owner } = await create());
      stranger = await registerEnterprise(t.http);
    });

    const truncated = () => {
      const boundary = '----ladder-boundary';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n` +
            'Content-Type: application/pdf\r\n\r\n',
        ),
        pdf(3000),
      ]);
      return t.http
        .post(`/api/v1/applications/${id}/documents`)
        .set(owner.auth)
        .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
        .send(body);
    };

    it.each<[string, () => PromiseLike<{ status: number; body: { code?: string } }>, number]>([
      ['a renamed executable', () => upload(id, owner, exe(), 'statement.pdf'), 415],
      ['a PNG named .pdf', () => upload(id, owner, png(), 'statement.pdf'), 415],
      ['a PDF without its extension', () => upload(id, owner, pdf(), 'statement'), 415],
      ['an oversized file', () => upload(id, owner, pdf(MAX_FILE + 1), 'big.pdf'), 413],
      ['an unknown kind', () => upload(id, owner, pdf(), 'a.pdf', { kind: 'selfie' }), 400],
      ['no kind', () => upload(id, owner, pdf(), 'a.pdf', {}), 400],
      ['a bad year', () => upload(id, owner, pdf(), 'a.pdf', { kind: 'other', year: '99' }), 400],
      [
        'an unknown field',
        () => upload(id, owner, pdf(), 'a.pdf', { kind: 'other', colour: 'red' }),
        400,
      ],
      [
        'no file',
        () =>
          t.http
            .post(`/api/v1/applications/${id}/documents`)
            .set(owner.auth)
            .field('kind', 'other'),
        400,
      ],
      ['an empty file', () => upload(id, owner, Buffer.alloc(0), 'a.pdf'), 400],
      ['a truncated multipart body', truncated, 400],
      [
        'a JSON body',
        () =>
          t.http
            .post(`/api/v1/applications/${id}/documents`)
            .set(owner.auth)
            .send({ kind: 'other' }),
        415,
      ],
      ["another enterprise's application", () => upload(id, stranger, pdf(), 'a.pdf'), 404],
      ['a reviewer', () => upload(id, a.city, pdf(), 'a.pdf'), 403],
    ])('%s', async (_name, attempt, status) => {
      const before = await chainLength();
      const res = await attempt();
      expect({ status: res.status, body: res.body }).toMatchObject({ status });
      expect(res.body.code === undefined || typeof res.body.code === 'string').toBe(true);
      expect((await list(id, owner)).items).toEqual([]);
      expect(await chainLength()).toBe(before);
    });

    it('the application as a whole has a size limit (413)', async () => {
      const { id: other, owner: them } = await create();
      await upload(other, them, pdf(MAX_FILE - 100, 'a'), 'a.pdf').expect(201);
      await upload(other, them, pdf(MAX_FILE - 100, 'b'), 'b.pdf').expect(201);
      const res = await upload(other, them, pdf(MAX_FILE - 100, 'c'), 'c.pdf');
      expect(res.status).toBe(413);
      expect((await list(other, them)).items).toHaveLength(2);
    });

    it('accepts an OFD package', async () => {
      const { id: other, owner: them } = await create();
      const zipped = ofd();
      await upload(other, them, zipped, 'invoice.ofd').expect(201);
      const docs = (await list(other, them)).items as unknown as { mediaType: string }[];
      expect(docs[0]?.mediaType).toBe('application/ofd');
    });
  });

  it('refuses a submission without its documents, freezes them at submission, asks for more on return, and certifies', async () => {
    const { id, owner } = await create();
    const before = await checklist(id, owner);
    expect(before.items.length).toBeGreaterThan(1);
    expect(before.items.every((i) => i.required && !i.met)).toBe(true);

    const refused = await send(id, owner, 'submit').expect(422);
    expect(refused.body.code).toBe('DOCUMENTS_MISSING');
    expect(refused.body.reasons).toHaveLength(before.items.length);
    expect((refused.body.reasons as string[])[0]).toMatch(/^Missing commitment letter: /);

    await fulfil(id, owner);
    expect((await checklist(id, owner)).items.every((i) => i.met)).toBe(true);
    await send(id, owner, 'submit').expect(200);

    // The submission's manifest holds the hashes of the stored files.
    const docs = (await list(id, owner)).items;
    expect(docs.every((d) => d.frozen)).toBe(true);
    const submitted = (await history(id)).find((e) => e.event === 'submit')!;
    const manifest = submitted.data.documents as { id: string; sha256: string; size: number }[];
    expect(manifest.map((m) => m.id).sort()).toEqual(docs.map((d) => d.id).sort());
    for (const entry of manifest) {
      const content = await t.http
        .get(`/api/v1/applications/${id}/documents/${entry.id}/content`)
        .set(a.city.auth)
        .buffer(true)
        .parse(asBytes)
        .expect(200);
      expect(sha256(content.body as Buffer)).toBe(entry.sha256);
    }
    // Each reviewer download is audited: who and which hash.
    const downloads = (await history(id)).filter((e) => e.event === 'document.download');
    expect(downloads).toHaveLength(manifest.length);
    expect(downloads.every((e) => e.actor.id === a.city.id)).toBe(true);

    // Frozen: no delete, no new upload.
    const frozen = await t.http
      .delete(`/api/v1/applications/${id}/documents/${docs[0]!.id}`)
      .set(owner.auth)
      .expect(409);
    expect(frozen.body.code).toBe('DOCUMENTS_FROZEN');
    expect((await upload(id, owner, pdf(), 'late.pdf')).status).toBe(409);

    // The reviewer returns the application asking for a document.
    await send(id, a.city, 'review.start').expect(200);
    const returned = await send(id, a.city, 'review.return', {
      reasons: ['The lease of the plant is missing'],
      data: { requestedDocuments: [{ kind: 'other', note: 'the lease of the plant' }] },
    }).expect(200);
    expect(returned.body.state).toBe('returned');
    expect(returned.body.documentRequest).toMatchObject({
      items: [{ kind: 'other', note: 'the lease of the plant' }],
    });
    const view = await t.http.get(`/api/v1/applications/${id}`).set(owner.auth).expect(200);
    expect(view.body.documentRequest.items).toHaveLength(1);
    expect((await checklist(id, owner)).items.filter((i) => i.requested).map((i) => i.met)).toEqual(
      [false],
    );
    const again = await send(id, owner, 'resubmit').expect(422);
    expect(again.body.reasons).toEqual([expect.stringMatching(/^Missing other document: .*lease/)]);

    await upload(id, owner, pdf(900, 'l'), 'lease.pdf', { kind: 'other' }).expect(201);
    const resubmitted = await send(id, owner, 'resubmit').expect(200);
    expect(resubmitted.body.documentRequest).toBeUndefined();
    const resubmitEvent = (await history(id)).find((e) => e.event === 'resubmit')!;
    expect(resubmitEvent.data.documents).toHaveLength(manifest.length + 1);
    expect(resubmitted.body.state).toBe('localReview');

    await send(id, a.city, 'review.recommend').expect(200);
    const noticed = await send(id, a.province, 'notice.publish').expect(200);
    t.clock.set((noticed.body as { deadlines: { dueAt: string }[] }).deadlines[0]!.dueAt);
    const done = await t.app.get(ApplicationCommands).send({
      id,
      type: 'deadline.expired',
      actor: SYSTEM_ACTOR,
      requestId: null,
    });
    expect(done.state).toBe('certified');
    expect((await list(id, owner)).items.every((d) => d.frozen)).toBe(true);
    await expectEveryApplicationReplays(t);
  });

  it('an upload racing a submission lands in its manifest or is refused as frozen', async () => {
    for (let round = 0; round < 3; round++) {
      const { id, owner } = await create();
      await fulfil(id, owner);
      const [submitted, uploaded] = await Promise.all([
        send(id, owner, 'submit'),
        upload(id, owner, pdf(700, `r${round}`), 'race.pdf'),
      ]);
      expect(submitted.status).toBe(200);
      expect([201, 409]).toContain(uploaded.status);
      const manifest = (await history(id)).find((e) => e.event === 'submit')!.data.documents as {
        id: string;
      }[];
      const live = (await list(id, owner)).items.map((d) => d.id);
      expect(manifest.map((m) => m.id).sort()).toEqual([...live].sort());
      if (uploaded.status === 201) {
        expect(live).toContain((uploaded.body as { id: string }).id);
      }
    }
  });

  it('documents are seen as the application is: 404 outside the jurisdiction, never by the public', async () => {
    const { id, owner } = await create();
    const doc = (await upload(id, owner, pdf(), 'a.pdf').expect(201)).body as DocumentBody;
    await t.http.get(`/api/v1/applications/${id}/documents`).set(a.otherProvince.auth).expect(404);
    await t.http
      .get(`/api/v1/applications/${id}/documents/${doc.id}/content`)
      .set(a.otherProvince.auth)
      .expect(404);
    await t.http.get(`/api/v1/applications/${id}/documents`).expect(401);
    const stranger = await registerEnterprise(t.http);
    await t.http.get(`/api/v1/applications/${id}/documents`).set(stranger.auth).expect(404);
    await t.http
      .delete(`/api/v1/applications/${id}/documents/${doc.id}`)
      .set(stranger.auth)
      .expect(404);
    await t.http
      .delete(`/api/v1/applications/${id}/documents/${doc.id}`)
      .set(a.city.auth)
      .expect(403);
    expect((await list(id, owner)).items).toHaveLength(1);
  });

  it("experts see an application's documents only while it is at their panel's stage; their downloads are recorded", async () => {
    const { id, owner } = await create();
    await fulfil(id, owner);
    const [doc] = (await list(id, owner)).items;
    const content = `/api/v1/applications/${id}/documents/${doc!.id}/content`;
    // Local stage: no expert panel sees it.
    await send(id, owner, 'submit').expect(200);
    await send(id, a.city, 'review.start').expect(200);
    for (const expert of [a.provincialExpert, a.nationalExpert]) {
      await t.http.get(`/api/v1/applications/${id}/documents`).set(expert.auth).expect(404);
      await t.http.get(content).set(expert.auth).expect(404);
    }
    // Provincial stage: the provincial panel (and the national one) does.
    await send(id, a.city, 'review.recommend').expect(200);
    expect((await list(id, a.provincialExpert)).items.map((d) => d.id)).toContain(doc!.id);
    const body = await t.http.get(content).set(a.provincialExpert.auth).expect(200);
    expect(
      createHash('sha256')
        .update(body.body as Buffer)
        .digest('hex'),
    ).toBe(doc!.sha256);
    const downloads = (await history(id)).filter((e) => e.event === 'document.download');
    expect(downloads.map((e) => e.actor.id)).toContain(a.provincialExpert.id);
    expect(downloads.at(-1)!.data).toMatchObject({ documentId: doc!.id, sha256: doc!.sha256 });
  });
});

describe('documents in case bundles', () => {
  let t: TestApp;
  let a: Authorities;
  const store = mkdtempSync(join(tmpdir(), 'ladder-documents-'));
  beforeAll(async () => {
    ({ t, a } = await startWithAuthorities({ env: { DOCUMENTS_DIR: store } }));
  });
  afterAll(async () => {
    await t.close();
    rmSync(store, { recursive: true, force: true });
  });

  it('check-documents reports a row whose file is missing from the store', async () => {
    const owner = await registerEnterprise(t.http);
    const created = await t.http
      .post('/api/v1/applications')
      .set(owner.auth)
      .send({ enterpriseId: owner.enterpriseId, tier: 'innovative_sme', facts: passingFacts(2026) })
      .expect(201);
    const id = (created.body as { id: string }).id;
    const bytes = pdf(1200, 'm');
    await t.http
      .post(`/api/v1/applications/${id}/documents`)
      .set(owner.auth)
      .field('kind', 'other')
      .attach('file', bytes, 'm.pdf')
      .expect(201);
    // The store DOCUMENT_STORE names (CI: fs on SQLite, s3 on PostgreSQL).
    expect(t.app.get(DOCUMENT_STORE)).toBeInstanceOf(
      process.env.DOCUMENT_STORE === 's3' ? S3DocumentStore : FsDocumentStore,
    );
    const service = t.app.get(DocumentsService);
    expect((await service.checkStore()).missing).toEqual([]);
    const hash = sha256(bytes);
    // Taken out of whichever store runs (DOCUMENT_STORE=fs|s3).
    await t.app.get<symbol, DocumentStore>(DOCUMENT_STORE).remove(hash);
    expect((await service.checkStore()).missing).toEqual([hash]);
  });

  it('a write to the store that fails leaves no row and no audit event (503)', async () => {
    const owner = await registerEnterprise(t.http);
    const created = await t.http
      .post('/api/v1/applications')
      .set(owner.auth)
      .send({ enterpriseId: owner.enterpriseId, tier: 'innovative_sme', facts: passingFacts(2026) })
      .expect(201);
    const id = (created.body as { id: string }).id;
    const chain = async () =>
      (await t.http.get('/api/v1/audit/verify').set(a.auditor.auth).expect(200)).body
        .eventsChecked as number;
    const before = await chain();
    const documentStore = t.app.get<symbol, DocumentStore>(DOCUMENT_STORE);
    const put = jest
      .spyOn(documentStore, 'put')
      .mockRejectedValueOnce(new Error('the bucket is unreachable'));
    try {
      const res = await t.http
        .post(`/api/v1/applications/${id}/documents`)
        .set(owner.auth)
        .field('kind', 'other')
        .attach('file', pdf(1500, 'f'), 'f.pdf');
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      put.mockRestore();
    }
    expect(
      (await t.http.get(`/api/v1/applications/${id}/documents`).set(owner.auth).expect(200)).body
        .items,
    ).toEqual([]);
    expect(await chain()).toBe(before);
    // The next attempt goes through.
    await t.http
      .post(`/api/v1/applications/${id}/documents`)
      .set(owner.auth)
      .field('kind', 'other')
      .attach('file', pdf(1500, 'f'), 'f.pdf')
      .expect(201);
  });

  it('lists every document with its hash; verify-bundle checks a folder of downloaded files', async () => {
    const owner = await registerEnterprise(t.http);
    const created = await t.http
      .post('/api/v1/applications')
      .set(owner.auth)
      .send({ enterpriseId: owner.enterpriseId, tier: 'innovative_sme', facts: passingFacts(2026) })
      .expect(201);
    const id = (created.body as { id: string }).id;
    const files = [pdf(3000, 'a'), pdf(4000, 'b'), pdf(500, 'c')];
    const ids: string[] = [];
    for (const [i, bytes] of files.entries()) {
      const res = await t.http
        .post(`/api/v1/applications/${id}/documents`)
        .set(owner.auth)
        .field('kind', 'other')
        .attach('file', bytes, `f${i}.pdf`)
        .expect(201);
      ids.push((res.body as { id: string }).id);
    }
    await t.http
      .delete(`/api/v1/applications/${id}/documents/${ids[2]}`)
      .set(owner.auth)
      .expect(204);
    await t.http
      .post(`/api/v1/applications/${id}/events`)
      .set(owner.auth)
      .send({ type: 'submit' })
      .expect(200);
    const bundle = await t.http
      .get(`/api/v1/audit/applications/${id}/bundle`)
      .set(a.auditor.auth)
      .expect(200);
    const listed = bundle.body.documents as { id: string; sha256: string; deletedAt?: string }[];
    expect(listed.map((d) => d.id)).toEqual(ids);
    expect(listed.map((d) => d.sha256)).toEqual(files.map(sha256));
    expect(listed.map((d) => d.deletedAt !== undefined)).toEqual([false, false, true]);

    const dir = mkdtempSync(join(tmpdir(), 'bundle-docs-'));
    try {
      const bundleFile = join(dir, 'bundle.json');
      writeFileSync(bundleFile, JSON.stringify(bundle.body));
      const folder = mkdtempSync(join(dir, 'files-'));
      writeFileSync(join(folder, 'statement.pdf'), files[0]!);
      writeFileSync(join(folder, 'ledger.pdf'), files[1]!);
      const keyId = bundle.body.publicKey.keyId as string;
      const run = (args: string[]) => {
        let output = '';
        const code = verifyBundleCli(
          args,
          (x) => (output += x),
          (x) => (output += x),
        );
        return { code, output };
      };
      expect(run([bundleFile, '--key', keyId, '--documents', folder])).toEqual({
        code: 0,
        output: expect.stringContaining('2 documents matched by hash'),
      });
      // A file altered after download no longer matches.
      const altered = Buffer.from(files[1]!);
      altered[100] = 0x21;
      writeFileSync(join(folder, 'ledger.pdf'), altered);
      const result = run([bundleFile, '--key', keyId, '--documents', folder]);
      expect(result.code).toBe(1);
      expect(result.output).toContain(`document ${ids[1]}`);
      expect(result.output).toContain('ledger.pdf is none of the bundle');

      // The bundle with its files (zip): bundle.json and every listed document's file, deleted
      // ones included; each file's download is audited first, so the bundle inside lists them.
      const zipped = await t.http
        .get(`/api/v1/audit/applications/${id}/bundle?format=zip`)
        .set(a.auditor.auth)
        .buffer(true)
        .parse(asBytes)
        .expect(200);
      expect(zipped.headers['content-type']).toBe('application/zip');
      expect(zipped.headers['content-disposition']).toBe(`attachment; filename="case-${id}.zip"`);
      const zip = zipped.body as Buffer;
      const zipFile = join(dir, 'case.zip');
      writeFileSync(zipFile, zip);
      const entries = new ZipFile(zipFile);
      try {
        expect(entries.entries.map((e) => e.name)).toEqual([
          'bundle.json',
          ...files.map((f) => `documents/other/${sha256(f)}.pdf`),
        ]);
        const inner = JSON.parse(entries.content(entries.entries[0]!).toString('utf8')) as {
          events: { event: string; data: { sha256?: string; via?: string } }[];
        };
        const downloads = inner.events.filter((e) => e.event === 'document.download');
        expect(downloads.map((e) => [e.data.sha256, e.data.via])).toEqual(
          files.map((f) => [sha256(f), 'case-bundle']),
        );
      } finally {
        entries.close();
      }
      expect(run([zipFile, '--key', keyId])).toEqual({
        code: 0,
        output: expect.stringContaining('2 documents matched by hash'),
      });
      // A file altered inside the zip (stored, not compressed: its bytes are in the archive).
      const at = zip.indexOf(files[0]!.subarray(0, 64));
      expect(at).toBeGreaterThan(0);
      const tampered = Buffer.from(zip);
      tampered[at + 100] = 0x21;
      writeFileSync(zipFile, tampered);
      const broken = run([zipFile, '--key', keyId]);
      expect(broken.code).toBe(1);
      expect(broken.output).toContain(`document ${ids[0]}`);
      // Only auditors (and admins) get case bundles; format is checked.
      await t.http
        .get(`/api/v1/audit/applications/${id}/bundle?format=zip`)
        .set(owner.auth)
        .expect(403);
      await t.http
        .get(`/api/v1/audit/applications/${id}/bundle?format=tar`)
        .set(a.auditor.auth)
        .expect(400);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A minimal OFD package: a ZIP whose root holds OFD.xml. */
const ofd = (): Buffer => {
  const name = Buffer.from('OFD.xml');
  const body = Buffer.from('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(body.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(body.length, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + body.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, body, central, name, eocd]);
};
