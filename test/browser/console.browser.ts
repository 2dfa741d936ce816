// The console in a real browser (Debian's Chromium driven by playwright-core): the whole
// certification journey through the UI, in zh-CN and in English, with an axe-core check of every
// main page. `npm run test:browser` builds the server and the console and runs this file.
// UPDATE_SCREENSHOTS=1 also writes docs/screenshots/*.png.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { makeCreditCode } from '../factories/credit-code.factory';
import { ADMIN, startConsoleServer, type ConsoleServer } from './console-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..', '..');
const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : null;
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'browser-user-password-1';
const CLUSTER = '石家庄轴承产业集群';

type Locale = 'zh-CN' | 'en';
const WORDS = {
  'zh-CN': {
    username: '用户名',
    password: '密码',
    signIn: '登录',
    creditCode: '统一社会信用代码',
    name: '企业名称',
    regionCode: '行政区划代码',
    establishedOn: '成立日期',
    register: '注册',
    registered: '注册成功',
    newApplication: '新建申请',
    passes: '符合条件',
    createDraft: '创建草稿',
    upload: '上传',
    uploaded: '已上传',
    submit: '提交',
    submitted: '已提交',
    start: '开始审核',
    localReview: '地方初审',
    recommend: '推荐',
    publish: '发布公示',
    publicNotice: '公示中',
    timers: '定时器',
    move: '调整',
    moved: '定时器已调整',
    certified: '已认定',
    certificates: '证书',
    verify: '校验哈希链',
    verified: '哈希链完整',
    caseTimeline: '案件时间线',
    bundle: '下载签名案卷',
    expired: '登录已过期',
    notifications: '通知',
    signOut: '退出登录',
    clusters: '产业集群',
    enteredLadder: '首次进入梯度',
  },
  en: {
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    creditCode: 'Unified social credit code',
    name: 'Enterprise name',
    regionCode: 'Region code',
    establishedOn: 'Established on',
    register: 'Register',
    registered: 'Registered.',
    newApplication: 'New application',
    passes: 'Passes',
    createDraft: 'Create draft',
    upload: 'Upload',
    uploaded: 'Uploaded',
    submit: 'Submit',
    submitted: 'Submitted',
    start: 'Start review',
    localReview: 'Local review',
    recommend: 'Recommend',
    publish: 'Publish notice',
    publicNotice: 'Public notice',
    timers: 'Timers',
    move: 'Move',
    moved: 'Timer moved',
    certified: 'Certified',
    certificates: 'Certificates',
    verify: 'Verify chain',
    verified: 'The chain is intact',
    caseTimeline: 'Case timeline',
    bundle: 'Download signed case bundle',
    expired: 'Your session has expired',
    notifications: 'Notifications',
    signOut: 'Sign out',
    clusters: 'Clusters',
    enteredLadder: 'Entered the ladder',
  },
} as const;

let server: ConsoleServer;
let browser: Browser;
const violations: string[] = [];

const api = async <T>(
  path: string,
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<T> => {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  assert.ok(response.ok, `${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
};

const tokenOf = async (username: string, password: string): Promise<string> =>
  (
    await api<{ accessToken: string }>('/auth/token', {
      method: 'POST',
      body: { username, password },
    })
  ).accessToken;

let adminToken = '';
const createUser = (username: string, role: string, level: string, regionCode: string) =>
  api('/users', {
    method: 'POST',
    token: adminToken,
    body: { username, password: PASSWORD, role, jurisdiction: { level, regionCode } },
  });

before(async () => {
  server = await startConsoleServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  adminToken = await tokenOf(ADMIN.username, ADMIN.password);
  if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const newPage = async (locale: Locale): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({
    locale: locale === 'zh-CN' ? 'zh-CN' : 'en-US',
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
};

/** axe-core on the page as it is: serious or critical violations fail the suite. */
const checkA11y = async (page: Page, name: string): Promise<void> => {
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => {
    type AxeResult = {
      violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[];
    };
    const axe = (globalThis as unknown as { axe: { run(): Promise<AxeResult> } }).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}) at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
  for (const v of found) violations.push(`${name}: ${v}`);
};

const shoot = async (page: Page, name: string): Promise<void> => {
  if (SCREENSHOTS)
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
};

const signIn = async (
  page: Page,
  w: (typeof WORDS)[Locale],
  username: string,
  password: string,
) => {
  await page.goto(`${server.url}/`);
  await page.getByLabel(w.username).fill(username);
  await page.getByLabel(w.password).fill(password);
  await page.getByRole('button', { name: w.signIn, exact: true }).click();
  await page.getByRole('button', { name: w.signOut }).waitFor();
};

const expectState = async (page: Page, state: string) => {
  await page.getByTestId('application-state').filter({ hasText: state }).waitFor();
};

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

const journey = async (locale: Locale, n: number, screenshots: boolean) => {
  const w = WORDS[locale];
  const tag = `${locale.toLowerCase().replace('-', '')}${n}`;
  await createUser(`county-${tag}`, 'reviewer', 'county', '130102');
  await createUser(`city-${tag}`, 'reviewer', 'city', '130100');
  await createUser(`province-${tag}`, 'reviewer', 'province', '130000');
  await createUser(`auditor-${tag}`, 'auditor', 'province', '130000');
  const snap = async (page: Page, name: string) => {
    await checkA11y(page, `${locale} ${name}`);
    if (screenshots) await shoot(page, name);
  };

  // The enterprise registers, applies with its documents and submits.
  const { context: firm, page } = await newPage(locale);
  await page.goto(`${server.url}/`);
  await page.getByLabel(w.username).waitFor();
  await snap(page, 'sign-in');
  await page.goto(`${server.url}/register`);
  await page.getByLabel(w.creditCode).fill(makeCreditCode('130102'));
  await page.getByLabel(w.name).fill(`Bearing Works ${tag}`);
  await page.getByLabel(w.regionCode).fill('130102');
  await page.getByLabel(w.establishedOn).fill('2012-03-01');
  await page.getByLabel(w.username).fill(`firm-${tag}`);
  await page.getByLabel(w.password).fill(PASSWORD);
  await snap(page, 'register');
  await page.getByRole('button', { name: w.register, exact: true }).click();
  await page.getByText(w.registered).waitFor();
  await signIn(page, w, `firm-${tag}`, PASSWORD);
  await page.getByRole('link', { name: w.newApplication }).first().click();
  const last = new Date().getFullYear() - 1;
  const figures = (year: number, revenue: number) => ({
    operatingRevenue: revenue,
    mainBusinessRevenue: revenue * 0.95,
    rdExpense: revenue * 0.05,
    netProfit: revenue / 10,
    totalAssets: 150_000_000,
    totalLiabilities: 75_000_000,
    employees: 400,
    rdEmployees: 100,
    year,
  });
  for (const row of [figures(last - 1, 180_000_000), figures(last, 200_000_000)]) {
    for (const [field, value] of Object.entries(row)) {
      if (field === 'year') continue;
      await page.locator(`input[name="y${row.year}.${field}"]`).fill(String(value));
    }
  }
  await page.locator('input[name="classI"]').fill('5');
  await page.locator('input[name="classII"]').fill('4');
  await page.locator('input[name="nicheMarketSince"]').fill('2018-01-01');
  await page.locator('input[name="digitalLevel"]').fill('3');
  await page.getByTestId('verdict').filter({ hasText: w.passes }).waitFor();
  await snap(page, 'new-application');
  await page.getByRole('button', { name: w.createDraft }).click();
  await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop() ?? '';
  const uploads: [string, string][] = [
    ['commitment_letter', ''],
    ['financial_statement', String(last - 1)],
    ['financial_statement', String(last)],
    ['ip_certificate', ''],
  ];
  for (const [i, [kind, year]] of uploads.entries()) {
    await page.locator('select[name="kind"]').selectOption(kind);
    await page.locator('input[name="year"]').fill(year);
    const fileName = `${kind}-${year || 'all'}-${i}.pdf`;
    await page
      .locator('input[name="file"]')
      .setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: w.upload, exact: true }).click();
    await page.getByRole('status').filter({ hasText: fileName }).waitFor();
  }
  await page.getByRole('button', { name: w.submit, exact: true }).click();
  await expectState(page, w.submitted);
  await snap(page, 'application-enterprise');

  // A county reviewer finds it in the queue and starts the review. The recommendation to the
  // province is the city authority's (§7.1): the county sees the button disabled, with the reason,
  // and a city reviewer recommends.
  const { context: countyContext, page: county } = await newPage(locale);
  await signIn(county, w, `county-${tag}`, PASSWORD);
  await county.locator(`tr[data-id="${id}"] a`).click();
  await county.getByRole('button', { name: w.start, exact: true }).click();
  await expectState(county, w.localReview);
  const recommend = county.getByRole('button', { name: w.recommend, exact: true });
  assert.equal(await recommend.isDisabled(), true);
  await county.locator('#reason-review-recommend').waitFor();
  await snap(county, 'application-reviewer');
  await countyContext.close();
  const { context: cityContext, page: city } = await newPage(locale);
  await signIn(city, w, `city-${tag}`, PASSWORD);
  await city.locator(`tr[data-id="${id}"] a`).click();
  await city.getByRole('button', { name: w.recommend, exact: true }).click();
  await city.getByRole('status').filter({ hasText: w.recommend }).waitFor();
  await cityContext.close();

  // The provincial reviewer publishes the notice.
  const { context: provinceContext, page: province } = await newPage(locale);
  await signIn(province, w, `province-${tag}`, PASSWORD);
  await province.locator(`tr[data-id="${id}"]`).waitFor();
  await snap(province, 'queue');
  await province.locator(`tr[data-id="${id}"] a`).click();
  await province.getByRole('button', { name: w.publish, exact: true }).click();
  await expectState(province, w.publicNotice);
  await provinceContext.close();

  // The admin moves the notice timer a day later; then the notice period runs out.
  const { context: adminContext, page: admin } = await newPage(locale);
  await signIn(admin, w, ADMIN.username, ADMIN.password);
  await snap(admin, 'admin-users');
  await admin.getByRole('link', { name: w.timers }).click();
  const row = admin
    .locator(`tr[data-purpose="notice"]`)
    .filter({ has: admin.locator(`a[href="/applications/${id}"]`) });
  const input = row.locator('input[type="datetime-local"]');
  const current = await input.inputValue();
  const later = new Date(Date.parse(`${current}:00Z`) + 24 * 3600 * 1000)
    .toISOString()
    .slice(0, 16);
  await input.fill(later);
  await snap(admin, 'admin-timers');
  await row.getByRole('button', { name: w.move }).click();
  await row.getByRole('status').filter({ hasText: w.moved }).waitFor();
  await adminContext.close();
  const timers = await api<{
    items: { dueAt: string; subject: { id: string }; purpose: string }[];
  }>(`/timers?applicationId=${id}&status=pending`, { token: adminToken });
  const notice = timers.items.find((t) => t.purpose === 'notice');
  assert.ok(notice, 'a pending notice timer');
  assert.equal(notice.dueAt, new Date(`${later}:00+08:00`).toISOString());
  server.clock.advanceTo(notice.dueAt);
  await server.runDueTimers();

  // The enterprise sees the application certified and its certificate.
  await page.goto(`${server.url}/applications`);
  await page.getByTestId('state').filter({ hasText: w.certified }).waitFor();
  await snap(page, 'my-applications');
  await page.getByRole('link', { name: w.certificates }).click();
  await page.getByTestId('certificate').waitFor();
  await snap(page, 'certificates');

  // An auditor verifies the chain and downloads the case bundle.
  const { context: auditContext, page: auditor } = await newPage(locale);
  await signIn(auditor, w, `auditor-${tag}`, PASSWORD);
  await auditor.getByRole('button', { name: w.verify }).click();
  await auditor.getByTestId('verify-result').filter({ hasText: w.verified }).waitFor();
  await snap(auditor, 'audit');
  // The jurisdiction's progress against the province's targets: this year's certification counted.
  const year = new Date(server.clock.now()).getFullYear();
  for (const [tier, count] of [
    ['innovative_sme', 3],
    ['specialized_sme', 2],
    ['little_giant', 1],
  ] as const) {
    await api(`/targets/${year}/${tier}/130000`, {
      method: 'PUT',
      token: adminToken,
      body: { count },
    });
  }
  await auditor.goto(`${server.url}/dashboard`);
  await auditor.getByTestId('progress').first().waitFor();
  await auditor.getByTestId('progress-chart').locator('svg').waitFor();
  await auditor
    .getByTestId('progress-table')
    .getByText(/^\d+%$/)
    .first()
    .waitFor();
  await auditor.getByTestId('funnel-chart').first().locator('svg').waitFor();
  await snap(auditor, 'dashboard');
  await auditor.goto(`${server.url}/audit/applications/${id}`);
  await auditor.getByTestId('timeline').waitFor();
  const [download] = await Promise.all([
    auditor.waitForEvent('download'),
    auditor.getByRole('button', { name: w.bundle }).click(),
  ]);
  const bundlePath = await download.path();
  const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as {
    format: string;
    signature: { value?: string };
    events: unknown[];
  };
  assert.match(bundle.format, /^sme-ladder-case-bundle/);
  assert.ok(bundle.events.length >= 5, 'the bundle carries the case events');
  assert.ok(bundle.signature, 'the bundle is signed');
  await snap(auditor, 'audit-case');
  await auditContext.close();

  // The city's bearing cluster (set up through the API with a few members the first time): the
  // certified enterprise joins it as a leader, and the city reviewer opens the cluster's page.
  const cityToken = await tokenOf(`city-${tag}`, PASSWORD);
  const { enterpriseId } = await api<{ enterpriseId: string }>(`/applications/${id}`, {
    token: cityToken,
  });
  const clusters = await api<{ items: { id: string; name: string }[] }>(
    '/clusters?regionCode=130100',
    { token: cityToken },
  );
  let cluster = clusters.items.find((c) => c.name === CLUSTER);
  if (!cluster) {
    cluster = await api<{ id: string; name: string }>('/clusters', {
      method: 'POST',
      token: cityToken,
      body: { name: CLUSTER, regionCode: '130100', industry: '轴承 / bearings' },
    });
    for (const [i, region] of ['130104', '130105', '130108'].entries()) {
      const member = await api<{ id: string }>('/enterprises', {
        method: 'POST',
        body: {
          creditCode: makeCreditCode(region),
          name: `冀中轴承配套${i + 1}号有限公司`,
          regionCode: region,
          sector: 'industry',
          establishedOn: '2015-06-01',
          account: { username: `member-${tag}-${i}`, password: PASSWORD },
        },
      });
      await api(`/clusters/${cluster.id}/members`, {
        method: 'POST',
        token: cityToken,
        body: { enterpriseId: member.id },
      });
    }
  }
  await api(`/clusters/${cluster.id}/members`, {
    method: 'POST',
    token: cityToken,
    body: { enterpriseId, leader: true },
  });
  const { context: clusterContext, page: reviewer } = await newPage(locale);
  await signIn(reviewer, w, `city-${tag}`, PASSWORD);
  await reviewer.getByRole('link', { name: w.clusters, exact: true }).click();
  await reviewer.locator(`tr[data-id="${cluster.id}"] a`).click();
  await reviewer.waitForURL(new RegExp(`/clusters/${cluster.id}$`));
  await reviewer.getByTestId('cluster-chart').locator('svg').waitFor();
  const leaders = reviewer.getByTestId('cluster-leaders');
  await leaders.getByText(`Bearing Works ${tag}`).waitFor();
  const progressions = reviewer.getByTestId('cluster-progressions');
  await progressions
    .getByRole('row')
    .filter({ hasText: `Bearing Works ${tag}` })
    .waitFor();
  await progressions.getByText(w.enteredLadder).first().waitFor();
  await snap(reviewer, 'clusters');
  await clusterContext.close();

  return { firm, page, id, tag, w };
};

void test('zh-CN: apply, review, notice, timer, certified, audit', async () => {
  const { firm } = await journey('zh-CN', 1, true);
  await firm.close();
});

void test('en: the same journey, then an expired session is renewed in place', async () => {
  const { firm, page, tag, w } = await journey('en', 1, false);
  // The enterprise's token is revoked (a password reset): the next request gets 401, the console
  // asks to sign in again and stays on the page.
  const users = await api<{ items: { id: string; username: string }[] }>(
    '/users?role=enterprise&limit=500',
    {
      token: adminToken,
    },
  );
  const user = users.items.find((u) => u.username === `firm-${tag}`);
  assert.ok(user);
  await api(`/users/${user.id}`, {
    method: 'PATCH',
    token: adminToken,
    body: { password: `${PASSWORD}-new` },
  });
  await page.getByRole('link', { name: w.notifications }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(w.expired).waitFor();
  await dialog.getByLabel(w.password).fill(`${PASSWORD}-new`);
  await dialog.getByRole('button', { name: w.signIn, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.match(page.url(), /\/notifications$/);
  await page.getByRole('heading', { level: 1, name: w.notifications }).waitFor();
  await checkA11y(page, 'en notifications');
  if (SCREENSHOTS) await shoot(page, 'notifications');
  // The language switch is remembered across a reload.
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: WORDS['zh-CN'].notifications }).waitFor();
  await firm.close();
});

void test('no serious or critical accessibility violations on any main page', () => {
  assert.deepEqual(violations, []);
});
