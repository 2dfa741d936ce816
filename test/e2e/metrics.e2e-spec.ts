import parsePrometheusTextFormat, { type MetricFamily } from 'parse-prometheus-text-format';
import { request as httpRequest } from 'node:http';
import { startWithAuthorities, type Authorities } from '../support/authorities';
import { sendEvent, walkInnovative } from '../support/journeys';
import { startTestApp, type TestApp } from '../support/test-app';
import { startReceiver } from '../support/webhook-receiver';
import { OutboxRelay } from '../../src/modules/relay/outbox-relay.service';
import { loginAdmin } from '../support/actors';

const TOKEN = 'a-metrics-token-for-the-tests';

type Labels = Record<string, string>;
const valueOf = (families: MetricFamily[], name: string, match: Labels = {}): number => {
  const family = families.find((f) => f.name === name);
  if (!family) return 0;
  return family.metrics
    .filter((m) => Object.entries(match).every(([k, v]) => m.labels?.[k] === v))
    .reduce((sum, m) => sum + Number('value' in m ? m.value : m.count), 0);
};

describe('GET /metrics', () => {
  let t: TestApp;
  let a: Authorities;

  const scrape = async () => {
    const res = await t.http
      .get('/metrics')
      .set('Authorization', `Bearer ${TOKEN}`)
      .expect(200)
      .expect('Content-Type', /^text\/plain; version=0\.0\.4/);
    return Object.assign(parsePrometheusTextFormat(res.text), { text: res.text });
  };
  // parse-prometheus-text-format folds a labelled histogram's series into one: its _count lines
  // are read from the text itself.
  const histogramCount = (text: string, name: string, match: Labels): number =>
    text
      .split('\n')
      .filter((line) => line.startsWith(`${name}_count{`))
      .filter((line) => Object.entries(match).every(([k, v]) => line.includes(`${k}="${v}"`)))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);

  beforeAll(async () => {
    ({ t, a } = await startWithAuthorities({ env: { METRICS_TOKEN: TOKEN } }));
  });
  afterAll(() => t.close());

  it('is a Prometheus text exposition with the documented families and the process metrics', async () => {
    const families = await scrape();
    const names = families.map((f) => f.name);
    for (const name of [
      'http_requests_total',
      'http_request_duration_seconds',
      'ladder_timers_pending',
      'ladder_timers_overdue',
      'ladder_audit_chain_length',
      'ladder_db_pool_connections',
      'ladder_outbox_backlog',
      'ladder_webhook_failures_total',
      'process_cpu_seconds_total',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(names).toContain(name);
    }
    expect(families.find((f) => f.name === 'http_request_duration_seconds')!.type).toBe(
      'HISTOGRAM',
    );
  });

  it('moves its counters with the traffic: requests by route and status, transitions, timers, the chain', async () => {
    const before = await scrape();
    const app = await walkInnovative(t, a, 'publicNotice');
    await sendEvent(t.http, app.id, a.city, 'review.start').expect(409);
    for (let i = 0; i < 3; i++)
      await t.http.get(`/api/v1/applications/${app.id}`).set(a.city.auth).expect(200);
    const after = await scrape();
    const route = { method: 'GET', route: '/api/v1/applications/:id', status: '200' };
    expect(
      valueOf(after, 'http_requests_total', route) - valueOf(before, 'http_requests_total', route),
    ).toBe(3);
    expect(
      histogramCount(after.text, 'http_request_duration_seconds', route) -
        histogramCount(before.text, 'http_request_duration_seconds', route),
    ).toBe(3);
    const transitions = (labels: Labels) =>
      valueOf(after, 'ladder_transitions_total', labels) -
      valueOf(before, 'ladder_transitions_total', labels);
    expect(transitions({ machine: 'application', event: 'submit', outcome: 'ok' })).toBe(1);
    expect(transitions({ machine: 'application', event: 'notice.publish', outcome: 'ok' })).toBe(1);
    expect(
      transitions({ machine: 'application', event: 'review.start', outcome: 'INVALID_TRANSITION' }),
    ).toBe(1);
    // The notice's timer is pending; the chain grew by the application's events.
    expect(valueOf(after, 'ladder_timers_pending')).toBeGreaterThan(
      valueOf(before, 'ladder_timers_pending'),
    );
    expect(valueOf(after, 'ladder_audit_chain_length')).toBeGreaterThanOrEqual(
      valueOf(before, 'ladder_audit_chain_length') + 5,
    );
    t.clock.advance(30 * 86_400_000);
    expect(valueOf(await scrape(), 'ladder_timers_overdue')).toBeGreaterThanOrEqual(1);
  });

  it('shows the outbox backlog, webhook failures and the last chain verification', async () => {
    const relay = t.app.get(OutboxRelay);
    await relay.runOnce();
    expect(valueOf(await scrape(), 'ladder_outbox_backlog')).toBe(0);
    const receiver = await startReceiver(() => 500);
    try {
      const admin = await loginAdmin(t.http);
      await t.http
        .post('/api/v1/webhooks')
        .set(admin.auth)
        .send({ url: receiver.url, events: ['application.submit'] })
        .expect(201);
      const before = await scrape();
      expect(valueOf(before, 'ladder_audit_verify_timestamp_seconds')).toBe(0);
      await walkInnovative(t, a, 'submitted');
      expect(valueOf(await scrape(), 'ladder_outbox_backlog')).toBe(2);
      await relay.runOnce();
      const after = await scrape();
      expect(valueOf(after, 'ladder_outbox_backlog')).toBe(0);
      expect(
        valueOf(after, 'ladder_webhook_failures_total', { status: 'failed' }) -
          valueOf(before, 'ladder_webhook_failures_total', { status: 'failed' }),
      ).toBe(1);
      await t.http.get('/api/v1/audit/verify').set(a.auditor.auth).expect(200);
      const verified = await scrape();
      expect(valueOf(verified, 'ladder_audit_verify_ok')).toBe(1);
      expect(valueOf(verified, 'ladder_audit_verify_timestamp_seconds')).toBe(
        Math.floor(t.clock.now().getTime() / 1000),
      );
    } finally {
      await receiver.close();
    }
  });

  it('is protected: no token or a wrong one is 401', async () => {
    const none = await t.http.get('/metrics').expect(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    await t.http.get('/metrics').set('Authorization', 'Bearer wrong-token').expect(401);
    // A user's token is no metrics token.
    await t.http.get('/metrics').set(a.auditor.auth).expect(401);
  });
});

describe('GET /metrics without a token', () => {
  it('is not served on the API port, and is served on METRICS_PORT when set', async () => {
    const port = 39_000 + Math.floor(Math.random() * 1000);
    const t = await startTestApp({ env: { METRICS_PORT: String(port) } });
    try {
      await t.http.get('/metrics').expect(404);
      const text = await new Promise<string>((resolve, reject) => {
        httpRequest({ host: '127.0.0.1', port, path: '/metrics' }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve(body));
        })
          .on('error', reject)
          .end();
      });
      expect(parsePrometheusTextFormat(text).map((f) => f.name)).toContain(
        'ladder_audit_chain_length',
      );
    } finally {
      await t.close();
    }
  });
});
