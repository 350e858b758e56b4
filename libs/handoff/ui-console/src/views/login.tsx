import { useRef, useState } from 'preact/hooks';
import type { ConsoleApi } from '../api';
import { failureOf } from '../api';
import { ViewHeading } from '../components';
import { loginErrorText } from '../lib/errors';
import type { Translate } from '../lib/i18n';
import type { LoginAnswer } from '../lib/types';

/** Log in: e-mail and password; errors in plain words, tied to the fields; a lockout says how long to wait. */
export function LoginView({ api, t, notice, onLoggedIn }: { api: ConsoleApi; t: Translate; notice: string | null; onLoggedIn: (answer: LoginAnswer) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!email.trim() || !password) {
      setError(t('login.missing'));
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<LoginAnswer>('/api/v1/auth/login', { email: email.trim(), password });
      setPassword('');
      onLoggedIn(answer);
    } catch (failure) {
      setError(loginErrorText(failureOf(failure), t));
      setBusy(false);
    }
  };

  const described = error ? 'login-error' : undefined;
  return (
    <div class="narrow">
      <ViewHeading title={t('login.title')}>{t('login.title')}</ViewHeading>
      <p>{t('login.intro')}</p>
      {notice && <p class="notice">{notice}</p>}
      <form class="form" onSubmit={submit} noValidate>
        <div class="field">
          <label for="login-email">{t('login.email')}</label>
          <input
            id="login-email"
            ref={emailRef}
            type="email"
            name="email"
            autocomplete="username"
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={described}
            value={email}
            onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            type="password"
            name="password"
            autocomplete="current-password"
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={described}
            value={password}
            onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        {error && (
          <div id="login-error" class="error" role="alert">
            <strong>{t('login.errorTitle')}:</strong> {error}
          </div>
        )}
        <button type="submit" class="button button-primary" aria-disabled={busy ? 'true' : undefined}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </div>
  );
}
