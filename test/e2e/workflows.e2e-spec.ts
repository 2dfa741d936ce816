import { loginAdmin, registerEnterprise } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';

describe('workflow introspection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists the three machines with their versions', async () => {
    const e = await registerEnterprise(t.http);
    const res = await t.http.get('/api/v1/workflows').set(e.auth).expect(200);
    expect(res.body).toEqual({
      items: [
        { id: 'innovative-sme-application', version: 1, tier: 'innovative_sme' },
        { id: 'little-giant-application', version: 1, tier: 'little_giant' },
        { id: 'specialized-sme-application', version: 1, tier: 'specialized_sme' },
      ],
      nextCursor: null,
    });
  });

  it('describes a machine: states, transitions with roles, Mermaid', async () => {
    const admin = await loginAdmin(t.http);
    const res = await t.http
      .get('/api/v1/workflows/specialized-sme-application')
      .set(admin.auth)
      .expect(200);
    expect(res.body.states).toEqual(
      expect.arrayContaining(['onSiteCheck', 'publicNotice', 'certified']),
    );
    expect(res.body.transitions).toContainEqual({
      from: 'provincialReview',
      event: 'inspection.schedule',
      to: 'onSiteCheck',
      roles: ['reviewer:province'],
    });
    expect(res.body.mermaid).toContain('provincialReview --> onSiteCheck: inspection.schedule');
    await t.http.get('/api/v1/workflows/nope').set(admin.auth).expect(404);
    await t.http.get('/api/v1/workflows').expect(401);
  });
});
