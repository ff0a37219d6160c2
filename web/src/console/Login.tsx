import { useState } from 'preact/hooks';
import { ApiClient, ApiError, describeError } from '../lib/api';
import type { Agent } from '../lib/types';
import { Notice, useI18n } from '../lib/ui';

export interface LoginAnswer {
  agent: Agent;
  csrf_token: string;
}

export function LoginForm({
  client,
  initialEmail,
  onDone,
  idPrefix,
}: {
  client: ApiClient;
  initialEmail?: string;
  onDone: (answer: LoginAnswer) => void;
  idPrefix: string;
}) {
  const { t } = useI18n();
  const [email, setEmail] = useState(initialEmail ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await client.post<LoginAnswer>('/api/v1/auth/login', { email, password }, { quiet401: true });
      setPassword('');
      onDone(answer);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('error.credentials') : describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="login-form" onSubmit={submit} method="post">
      <div class="field">
        <label for={`${idPrefix}-email`}>{t('auth.email')}</label>
        <input
          id={`${idPrefix}-email`}
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for={`${idPrefix}-password`}>{t('auth.password')}</label>
        <input
          id={`${idPrefix}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      <button type="submit" class="primary" disabled={busy}>
        {t('auth.submit')}
      </button>
    </form>
  );
}
