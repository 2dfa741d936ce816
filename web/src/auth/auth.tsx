import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { api, session, unwrap, type Me } from '../api/client';
import { ErrorBox } from '../components/states';
import { useI18n } from '../i18n/i18n';

type Auth = {
  me: Me | undefined;
  signedIn: boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(): void;
};

const AuthContext = createContext<Auth | undefined>(undefined);

export const useAuth = (): Auth => {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
};

const requestToken = async (username: string, password: string): Promise<string> => {
  const token = unwrap(await api.POST('/api/v1/auth/token', { body: { username, password } }));
  return token.accessToken;
};

export const AuthProvider = ({ children }: { children: ReactNode }) => {
  const queryClient = useQueryClient();
  const [token, setToken] = useState(session.token);
  const [expired, setExpired] = useState(false);
  useEffect(() => session.onExpired(() => setExpired(true)), []);
  const me = useQuery({
    queryKey: ['me', token],
    queryFn: async () => unwrap(await api.GET('/api/v1/me')),
    enabled: token !== null,
    staleTime: 5 * 60_000,
  });
  const auth: Auth = {
    me: token ? me.data : undefined,
    signedIn: token !== null,
    async signIn(username, password) {
      const next = await requestToken(username, password);
      session.set(next);
      setToken(next);
      setExpired(false);
      // The page stays; what failed for want of a token is fetched again.
      await queryClient.invalidateQueries();
    },
    signOut() {
      session.set(null);
      setToken(null);
      setExpired(false);
      queryClient.clear();
    },
  };
  return (
    <AuthContext.Provider value={auth}>
      {children}
      {expired && token ? <ExpiredDialog username={me.data?.username} /> : null}
    </AuthContext.Provider>
  );
};

export const SignInForm = ({
  username: initial = '',
  onDone,
}: {
  username?: string;
  onDone?: () => void;
}) => {
  const { t } = useI18n();
  const auth = useAuth();
  const [username, setUsername] = useState(initial);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await auth.signIn(username, password);
      onDone?.();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="stack" aria-label={t('signIn.title')}>
      <label>
        {t('signIn.username')}
        <input
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label>
        {t('signIn.password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error ? <ErrorBox error={error} /> : null}
      <button type="submit" className="primary" disabled={busy}>
        {t('signIn.submit')}
      </button>
    </form>
  );
};

const ExpiredDialog = ({ username }: { username: string | undefined }) => {
  const { t } = useI18n();
  const dialog = useRef<HTMLDivElement>(null);
  // The dialog takes the focus: the password is what is asked for.
  useEffect(() => {
    dialog.current?.querySelector<HTMLInputElement>('input[type="password"]')?.focus();
  }, []);
  return (
    <div className="overlay">
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby="expired-title"
        className="dialog"
      >
        <h2 id="expired-title">{t('signIn.title')}</h2>
        <p>{t('signIn.expired')}</p>
        <SignInForm username={username ?? ''} />
      </div>
    </div>
  );
};
