import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiClient, ApiError, describeError } from '../lib/api';
import { chooseLanguage, type Language, translator } from '../lib/i18n';
import { startLive } from '../lib/live';
import { safeSurveyUrl } from '../lib/survey';
import { formatDateTime } from '../lib/time';
import type { Customer, Message, Page, Ticket } from '../lib/types';
import { I18nContext, LanguageSwitch, Modal, Notice, storeLanguage, storedLanguage, useDocumentLanguage, useI18n } from '../lib/ui';

const client = new ApiClient();
const CSRF_KEY = 'sp_portal_csrf';

interface SessionAnswer {
  customer: Customer;
  csrf_token?: string;
}

type PortalTicket = Ticket & { messages?: Message[] };

function rememberCsrf(token: string | undefined) {
  if (!token) return;
  client.csrfToken = token;
  try {
    sessionStorage.setItem(CSRF_KEY, token);
  } catch {
    // kept in memory only
  }
}

function tokenFromHash(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

export function PortalApp() {
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [checked, setChecked] = useState(false);
  const [expired, setExpired] = useState(false);
  const [linkError, setLinkError] = useState<string | null>(null);
  const [lang, setLang] = useState<Language>(() => chooseLanguage(storedLanguage(), null, navigator.languages ?? navigator.language));
  const t = useMemo(() => translator(lang), [lang]);
  useDocumentLanguage(lang, `${t('app.portal')} · servicepact`);

  const signedIn = (answer: SessionAnswer) => {
    rememberCsrf(answer.csrf_token);
    setCustomer(answer.customer);
    setExpired(false);
    setLang(chooseLanguage(storedLanguage(), answer.customer.language, navigator.languages ?? navigator.language));
  };

  const signInWithToken = async (token: string) => {
    setChecked(false);
    setLinkError(null);
    history.replaceState(null, '', location.pathname + location.search);
    try {
      signedIn(await client.post<SessionAnswer>('/api/v1/portal/session', { token }, { quiet401: true }));
    } catch (err) {
      setLinkError(err instanceof ApiError && (err.status === 401 || err.status === 404 || err.status === 410 || err.status === 422) ? t('portal.badLink') : describeError(err, t));
    } finally {
      setChecked(true);
    }
  };

  useEffect(() => {
    client.onUnauthorized = () => setExpired(true);
    try {
      client.csrfToken = sessionStorage.getItem(CSRF_KEY);
    } catch {
      // none
    }
    const token = tokenFromHash();
    if (token) {
      void signInWithToken(token);
    } else {
      client
        .get<SessionAnswer | Customer>('/api/v1/portal/me', { quiet401: true })
        .then((me) => {
          const answer: SessionAnswer = 'customer' in me ? me : { customer: me };
          if (client.csrfToken || answer.csrf_token) signedIn(answer);
        })
        .catch(() => undefined)
        .finally(() => setChecked(true));
    }
    const onHash = () => {
      const next = tokenFromHash();
      if (next) void signInWithToken(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const switchLanguage = (next: Language) => {
    storeLanguage(next);
    setLang(next);
  };

  const signOut = async () => {
    try {
      await client.post('/api/v1/portal/logout', {});
    } catch {
      // signed out either way
    }
    client.csrfToken = null;
    try {
      sessionStorage.removeItem(CSRF_KEY);
    } catch {
      // none
    }
    setCustomer(null);
  };

  return (
    <I18nContext.Provider value={{ lang, t }}>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="topbar">
        <p class="brand">
          servicepact <span class="brand-sub">{t('app.portal')}</span>
        </p>
        <div class="topbar-tools">
          <LanguageSwitch value={lang} onChange={switchLanguage} />
          {customer && (
            <>
              <span class="whoami">{t('portal.signedInAs', { name: customer.name })}</span>
              <button type="button" onClick={() => void signOut()}>
                {t('auth.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" class="portal" tabIndex={-1}>
        {!checked ? (
          <p class="loading">{t('portal.signingIn')}</p>
        ) : customer ? (
          <Requests />
        ) : (
          <RequestLink error={linkError} />
        )}
      </main>
      <Modal id="expired" open={expired && customer !== null} title={t('auth.expiredTitle')}>
        <p>{t('auth.expiredBody')}</p>
        <RequestLink error={null} compact />
      </Modal>
    </I18nContext.Provider>
  );
}

function RequestLink({ error, compact }: { error: string | null; compact?: boolean }) {
  const { t } = useI18n();
  const [tenant, setTenant] = useState(() => new URLSearchParams(location.search).get('tenant') ?? '');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<{ demoLink?: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const prefix = compact ? 'relink' : 'link';

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const answer = await client.post<{ sent: boolean; demo_link?: string }>('/api/v1/portal/links', { tenant, email }, { quiet401: true });
      setSent({ demoLink: answer.demo_link });
    } catch (err) {
      setFailure(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  const body = (
    <>
      {!compact && <p>{t('portal.intro')}</p>}
      {error && <Notice kind="error">{error}</Notice>}
      <form class="login-form" onSubmit={submit}>
        <div class="field">
          <label for={`${prefix}-tenant`}>{t('portal.tenant')}</label>
          <input
            id={`${prefix}-tenant`}
            name="tenant"
            required
            autoComplete="organization"
            value={tenant}
            onInput={(e) => setTenant((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for={`${prefix}-email`}>{t('portal.email')}</label>
          <input
            id={`${prefix}-email`}
            name="email"
            type="email"
            required
            autoComplete="email"
            value={email}
            onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        {failure && <Notice kind="error">{failure}</Notice>}
        <button type="submit" class="primary" disabled={busy}>
          {t('portal.requestLink')}
        </button>
      </form>
      {sent && (
        <div class="notice notice-success" role="status">
          <p>{t('portal.linkSent')}</p>
          {sent.demoLink && sent.demoLink.startsWith('/') && (
            <p>
              <a href={sent.demoLink} class="demo-link">
                {t('portal.demoLink')}
              </a>
            </p>
          )}
        </div>
      )}
    </>
  );
  if (compact) return body;
  return (
    <section class="login-page" aria-labelledby="portal-title">
      <h1 id="portal-title">{t('auth.title')}</h1>
      {body}
    </section>
  );
}

// "Rate this answer" on a solved or closed ticket the customer has not rated (issue 8).
function SurveyLink({ ticket }: { ticket: Ticket }) {
  const { t } = useI18n();
  const href = safeSurveyUrl(ticket.survey_url, window.location.origin);
  if (!href || (ticket.status !== 'solved' && ticket.status !== 'closed')) return null;
  return (
    <p class="survey-invite">
      <a class="survey-link button primary" href={href} data-testid="survey-link">
        {t('portal.rate')}
      </a>
    </p>
  );
}

function AnswerDue({ ticket }: { ticket: Ticket }) {
  const { t, lang } = useI18n();
  if (ticket.answer_due) return <span class="answer-due">{t('portal.answerBy', { time: formatDateTime(ticket.answer_due, lang) })}</span>;
  if (ticket.status === 'solved' || ticket.status === 'closed') return null; // the status chip says it
  if (ticket.status === 'pending') return <span class="answer-due">{t('portal.waitingForYou')}</span>;
  return <span class="answer-due">{t('portal.answerNoDue')}</span>;
}

function Requests() {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<Ticket[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  const loadList = async () => {
    try {
      const page = await client.get<Page<Ticket>>('/api/v1/portal/tickets');
      setItems(page.items);
      setError(null);
    } catch (err) {
      setError(describeError(err, t));
    }
  };

  useEffect(() => {
    void loadList();
  }, [tick]);

  useEffect(
    () =>
      startLive({
        url: '/api/v1/portal/stream',
        onEvent: () => setTick((n) => n + 1),
        onResync: () => setTick((n) => n + 1),
        poll: () => setTick((n) => n + 1),
        pollMs: 5000,
      }),
    [],
  );

  if (openId !== null) {
    return (
      <PortalTicketView
        id={openId}
        tick={tick}
        onBack={() => {
          setOpenId(null);
          void loadList();
        }}
      />
    );
  }

  return (
    <div class="portal-home">
      <div class="portal-head">
        <h1>{t('portal.myRequests')}</h1>
        <button type="button" class="primary" onClick={() => setCreating(true)} aria-expanded={creating}>
          {t('portal.newRequest')}
        </button>
      </div>
      {notice && <Notice kind="success">{notice}</Notice>}
      {creating && (
        <NewRequest
          onCancel={() => setCreating(false)}
          onCreated={(ticket) => {
            setCreating(false);
            setNotice(t('portal.created'));
            setOpenId(ticket.id);
          }}
        />
      )}
      {error && <Notice kind="error">{error}</Notice>}
      {items === null ? (
        <p class="loading">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('portal.noRequests')}</p>
      ) : (
        <ul class="request-list">
          {items.map((ticket) => (
            <li key={ticket.id} class="request" data-ticket-id={ticket.id}>
              <button type="button" class="request-open" onClick={() => setOpenId(ticket.id)}>
                <span class="request-subject">{ticket.subject}</span>
                <span class="request-meta">
                  <span class="chip">{t(`status.${ticket.status}`)}</span>{' '}
                  {t('portal.lastUpdate', { time: formatDateTime(ticket.updated_at, lang) })}
                </span>
                <AnswerDue ticket={ticket} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NewRequest({ onCancel, onCreated }: { onCancel: () => void; onCreated: (ticket: Ticket) => void }) {
  const { t } = useI18n();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onCreated(await client.post<Ticket>('/api/v1/portal/tickets', { subject, body }));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="new-request" onSubmit={submit} aria-labelledby="new-request-title">
      <h2 id="new-request-title">{t('portal.newRequest')}</h2>
      <div class="field">
        <label for="new-subject">{t('portal.subject')}</label>
        <input id="new-subject" ref={first} required maxLength={500} value={subject} onInput={(e) => setSubject((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <div class="field">
        <label for="new-body">{t('portal.message')}</label>
        <textarea id="new-body" required rows={6} value={body} onInput={(e) => setBody((e.currentTarget as HTMLTextAreaElement).value)} />
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('portal.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function PortalTicketView({ id, tick, onBack }: { id: number; tick: number; onBack: () => void }) {
  const { t, lang } = useI18n();
  const [ticket, setTicket] = useState<PortalTicket | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const focused = useRef(false);

  const load = async () => {
    try {
      setTicket(await client.get<PortalTicket>(`/api/v1/portal/tickets/${id}`));
      setError(null);
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  useEffect(() => {
    void load();
  }, [id, tick]);
  useEffect(() => {
    if (ticket && !focused.current) {
      focused.current = true;
      heading.current?.focus();
    }
  }, [ticket]);

  const send = async (e: Event) => {
    e.preventDefault();
    if (!draft.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await client.post(`/api/v1/portal/tickets/${id}/messages`, { body: draft });
      setDraft('');
      setNotice(t('portal.sent'));
      await load();
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article class="portal-ticket" aria-labelledby="portal-ticket-title">
      <button type="button" class="link back" onClick={onBack}>
        ← {t('portal.back')}
      </button>
      {error && <Notice kind="error">{error}</Notice>}
      {!ticket ? (
        <p class="loading">{t('common.loading')}</p>
      ) : (
        <>
          <h1 id="portal-ticket-title" tabIndex={-1} ref={heading}>
            {ticket.subject}
          </h1>
          <p class="ticket-meta">
            <span class="chip">{t(`status.${ticket.status}`)}</span> <AnswerDue ticket={ticket} />
          </p>
          <SurveyLink ticket={ticket} />
          <ol class="thread">
            {(ticket.messages ?? []).map((m) => (
              <li key={m.id} class={`msg msg-${m.kind}`} data-kind={m.kind} data-message-id={m.id}>
                <div class="msg-head">
                  <span class="msg-author">{(m.from_customer ?? m.kind === 'inbound') ? t('portal.you') : m.author_name || t('portal.team')}</span>
                  <time dateTime={m.created_at}>{formatDateTime(m.created_at, lang)}</time>
                </div>
                <p class="msg-body">{m.body}</p>
              </li>
            ))}
          </ol>
          {notice && <Notice kind="success">{notice}</Notice>}
          <form class="composer" onSubmit={send}>
            <label for="portal-reply">{t('portal.reply')}</label>
            <textarea id="portal-reply" rows={4} value={draft} onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)} />
            <button type="submit" class="primary" disabled={busy || !draft.trim()}>
              {t('portal.send')}
            </button>
          </form>
        </>
      )}
    </article>
  );
}
