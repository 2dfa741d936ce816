import { lazy, Suspense, useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { SignInForm, useAuth } from './auth/auth';
import { ErrorBoundary } from './components/error-boundary';
import { Loading } from './components/states';
import { useI18n } from './i18n/i18n';
import { LOCALES, type Locale, type MessageKey } from './i18n/messages';
import { Link, navigate, useLocation } from './router';

// Each area is its own chunk: the first page loads only the shell and the sign-in.
const Enterprise = lazy(() => import('./pages/enterprise'));
const ApplicationPage = lazy(() => import('./pages/application'));
const Queue = lazy(() => import('./pages/queue'));
const Audit = lazy(() => import('./pages/audit'));
const Admin = lazy(() => import('./pages/admin'));
const Register = lazy(() => import('./pages/register'));
const Dashboard = lazy(() => import('./pages/dashboard'));
const Clusters = lazy(() => import('./pages/clusters'));

type Role = 'enterprise' | 'reviewer' | 'expert' | 'auditor' | 'admin';

const NAV: Record<Role, [string, MessageKey][]> = {
  enterprise: [
    ['/applications', 'nav.applications'],
    ['/applications/new', 'nav.newApplication'],
    ['/notifications', 'nav.notifications'],
    ['/certificates', 'nav.certificates'],
  ],
  reviewer: [
    ['/queue', 'nav.queue'],
    ['/dashboard', 'nav.dashboard'],
    ['/clusters', 'nav.clusters'],
    ['/notifications', 'nav.notifications'],
  ],
  expert: [['/queue', 'nav.queue']],
  auditor: [
    ['/audit', 'nav.audit'],
    ['/dashboard', 'nav.dashboard'],
    ['/clusters', 'nav.clusters'],
  ],
  admin: [
    ['/admin/users', 'nav.users'],
    ['/admin/calls', 'nav.calls'],
    ['/admin/timers', 'nav.timers'],
    ['/admin/webhooks', 'nav.webhooks'],
    ['/queue', 'nav.queue'],
    ['/audit', 'nav.audit'],
    ['/dashboard', 'nav.dashboard'],
    ['/clusters', 'nav.clusters'],
  ],
};

const HOME: Record<Role, string> = {
  enterprise: '/applications',
  reviewer: '/queue',
  expert: '/queue',
  auditor: '/audit',
  admin: '/admin/users',
};

const route = (path: string): ReactNode => {
  let m: RegExpMatchArray | null;
  if ((m = path.match(/^\/applications\/([0-9a-f-]{36})$/)))
    return <ApplicationPage id={m[1] ?? ''} />;
  if (path === '/queue') return <Queue />;
  if (path === '/dashboard') return <Dashboard />;
  if ((m = path.match(/^\/clusters(?:\/([0-9a-f-]{36}))?$/))) return <Clusters id={m[1]} />;
  if ((m = path.match(/^\/audit(?:\/applications\/([0-9a-f-]{36}))?$/)))
    return <Audit applicationId={m[1]} />;
  if ((m = path.match(/^\/admin\/(users|calls|timers|webhooks)$/)))
    return <Admin section={m[1] as 'users' | 'calls' | 'timers' | 'webhooks'} />;
  if ((m = path.match(/^\/(applications|applications\/new|notifications|certificates)$/)))
    return (
      <Enterprise
        section={m[1] as 'applications' | 'applications/new' | 'notifications' | 'certificates'}
      />
    );
  return null;
};

const LanguageSwitch = () => {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="language">
      <span className="sr-only">{t('app.language')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {l === 'zh-CN' ? '中文' : 'English'}
          </option>
        ))}
      </select>
    </label>
  );
};

export const App = () => {
  const { t, label } = useI18n();
  const auth = useAuth();
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const role = auth.me?.role;
  useEffect(() => {
    if (role && path === '/') navigate(HOME[role], true);
  }, [role, path]);
  // Moving between pages puts the focus on the new page (screen readers announce it).
  useEffect(() => {
    main.current?.focus();
  }, [path]);

  let content: ReactNode;
  if (path === '/register') content = <Register />;
  else if (!auth.signedIn)
    content = (
      <section className="card narrow">
        <h1>{t('signIn.title')}</h1>
        <SignInForm />
        <p>
          <Link to="/register">{t('signIn.register')}</Link>
        </p>
      </section>
    );
  else if (!role) content = <Loading />;
  else content = route(path) ?? <Loading />;

  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <Link to="/" className="brand">
          {t('app.title')}
        </Link>
        {role ? (
          <nav aria-label={t('app.nav')}>
            <ul>
              {NAV[role].map(([to, key]) => (
                <li key={to}>
                  <Link to={to} aria-current={path === to ? 'page' : undefined}>
                    {t(key)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div className="account">
          <LanguageSwitch />
          {auth.me ? (
            <>
              <span className="muted small">
                {t('app.signedInAs', { user: auth.me.username, role: label(auth.me.role) })}
              </span>
              <button
                type="button"
                onClick={() => {
                  auth.signOut();
                  navigate('/');
                }}
              >
                {t('app.signOut')}
              </button>
            </>
          ) : null}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <ErrorBoundary key={path}>
          <Suspense fallback={<Loading />}>{content}</Suspense>
        </ErrorBoundary>
      </main>
    </>
  );
};
