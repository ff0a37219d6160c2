import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiClient, describeError, query } from '../lib/api';
import { chooseLanguage, type Language, translator } from '../lib/i18n';
import { startLive, type LiveMode } from '../lib/live';
import {
  CHANNELS,
  OPEN_STATUSES,
  PRIORITIES,
  STATUSES,
  type Agent,
  type Customer,
  type Page,
  type StreamEvent,
  type Team,
  type Tenant,
  type Ticket,
  type TicketSla,
} from '../lib/types';
import { listedDue, summarizeListed, summarizeSla, type SlaSummary } from '../lib/urgency';
import { clampIndex } from '../lib/virtual';
import { formatNumber } from '../lib/time';
import { parseRoute, QUEUE_VIEWS, routeHash, viewFilters, type QueueView, type Route } from '../lib/route';
import { I18nContext, LanguageSwitch, Modal, storeLanguage, storedLanguage, useDocumentLanguage } from '../lib/ui';
import { LoginForm, type LoginAnswer } from './Login';
import { Notifications } from './Notifications';
import { emitSignal, parseSignal } from '../lib/signals';
import { QueueList } from './Queue';
import { ReportsView } from './Reports';
import { StaffingView } from './Staffing';
import { TicketView, type ComposerControl } from './TicketView';
import { BulkBar } from './BulkBar';
import { MyCommitments } from './Commitments';
import { QaView } from './QaView';
import { MacrosView } from './MacrosView';
import { AutomationsView } from './AutomationsView';
import { toggleAllShown, toggleSelection, MAX_BULK_TICKETS } from '../lib/macros';

const client = new ApiClient();
const MAX_QUEUE = 5000;
const PAGE = 500;

interface Filters {
  status: string; // 'open-work' | 'all' | a status
  priority: string;
  team: string;
  assignee: string; // '' | 'me' | 'none' | id
  channel: string;
  sla: string; // '' | 'at_risk' | 'breached'
  tenant: string;
  search: string;
}

const DEFAULT_FILTERS: Filters = { status: 'open-work', priority: '', team: '', assignee: '', channel: '', sla: '', tenant: '', search: '' };

/** The text search the server runs (subject or customer name); references and e-mail addresses are matched here. */
function serverSearch(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed.includes('@') || /^t-?\d+$/i.test(trimmed)) return undefined;
  return trimmed.slice(0, 200);
}

type View = 'queue' | 'staffing' | 'reports';
const VIEWS: View[] = ['queue', 'staffing', 'reports'];
/** Pages of one's own work, for everyone of a tenant (issue 17 macros, issue 18 commitments). */
type WorkPage = 'commitments' | 'macros' | 'qa' | 'automations';
const WORK_PAGES: WorkPage[] = ['commitments', 'macros', 'qa', 'automations'];

/** The skip link's target (#main) is not a place: it leaves the route as it was. */
function isRouteHash(hash: string): boolean {
  return hash !== '#main';
}

/**
 * The views a person may open: supervisors and admins plan staffing and read reports; QA
 * reviewers read reports; agents have the queue only (the API answers 403 to them anyway).
 */
export function viewsFor(agent: Agent | null): View[] {
  if (!agent || agent.role === 'agent') return ['queue'];
  if (agent.role === 'qa_reviewer') return ['queue', 'reports'];
  return VIEWS;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export function App() {
  const [agent, setAgent] = useState<Agent | null>(null);
  const [checked, setChecked] = useState(false);
  const [expired, setExpired] = useState(false);
  const [session, setSession] = useState(0);
  const [lang, setLang] = useState<Language>(() => chooseLanguage(storedLanguage(), null, navigator.languages ?? navigator.language));
  const t = useMemo(() => translator(lang), [lang]);
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const view = route.page;
  const viewChanged = useRef(false);
  useEffect(() => {
    const onHash = () => {
      if (!isRouteHash(location.hash)) return;
      const next = parseRoute(location.hash);
      setRoute((current) => {
        if (next.page !== current.page) viewChanged.current = true;
        return next;
      });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const allowed = viewsFor(agent);
  const workPages: WorkPage[] = agent !== null && agent.tenant_id !== null ? WORK_PAGES : [];
  const work = agent !== null && agent.tenant_id !== null && (WORK_PAGES as string[]).includes(view) ? (view as WorkPage) : null;
  const shown: View | WorkPage = work ?? (allowed.includes(view as View) ? (view as View) : 'queue');
  // After a switch, move focus to the new view's heading so screen readers announce it.
  useEffect(() => {
    if (!viewChanged.current) return;
    viewChanged.current = false;
    document.getElementById(`${shown}-title`)?.focus();
  }, [shown]);
  useDocumentLanguage(lang, `${t('app.console')} · servicepact`);

  const switchLanguage = (next: Language) => {
    storeLanguage(next);
    setLang(next);
  };

  const signedIn = (answer: LoginAnswer) => {
    client.csrfToken = answer.csrf_token;
    setAgent(answer.agent);
    setExpired(false);
    setSession((n) => n + 1);
    setLang(chooseLanguage(storedLanguage(), answer.agent.language, navigator.languages ?? navigator.language));
  };

  useEffect(() => {
    client.onUnauthorized = () => setExpired(true);
    client
      .get<{ agent: Agent; csrf_token?: string }>('/api/v1/auth/me', { quiet401: true })
      .then((me) => {
        if (me.csrf_token) signedIn({ agent: me.agent, csrf_token: me.csrf_token });
      })
      .catch(() => undefined)
      .finally(() => setChecked(true));
  }, []);

  const signOut = async () => {
    try {
      await client.post('/api/v1/auth/logout', {});
    } catch {
      // signed out either way
    }
    client.csrfToken = null;
    setAgent(null);
  };

  return (
    <I18nContext.Provider value={{ lang, t }}>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="topbar">
        <p class="brand">
          servicepact <span class="brand-sub">{t('app.console')}</span>
        </p>
        {allowed.length > 1 && (
          <nav class="views-nav" aria-label={t('nav.label')}>
            <ul>
              {allowed.map((name) => (
                <li key={name}>
                  <a href={name === 'queue' ? '#views/open' : `#${name}`} aria-current={shown === name ? 'page' : undefined}>
                    {t(`nav.${name}`)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {workPages.length > 0 && (
          <nav class="work-nav" aria-label={t('nav.work')}>
            <ul>
              {allowed.length <= 1 && (
                // Without the Sections menu (agents) this is the way back to the queue.
                <li>
                  <a href="#views/open" aria-current={shown === 'queue' ? 'page' : undefined}>
                    {t('nav.queue')}
                  </a>
                </li>
              )}
              {workPages.map((name) => (
                <li key={name}>
                  <a href={`#${name}`} aria-current={shown === name ? 'page' : undefined}>
                    {t(`nav.${name}`)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div class="topbar-tools">
          <LanguageSwitch value={lang} onChange={switchLanguage} />
          {agent && (
            <>
              {agent.tenant_id !== null && <Notifications key={session} client={client} />}
              <span class="whoami">{t('auth.signedInAs', { name: agent.name })}</span>
              <button type="button" onClick={() => void signOut()}>
                {t('auth.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {!checked ? (
          <p class="loading">{t('common.loading')}</p>
        ) : agent ? (
          shown === 'commitments' ? (
            <MyCommitments key={session} client={client} agent={agent} />
          ) : shown === 'qa' ? (
            <QaView key={session} client={client} agent={agent} />
          ) : shown === 'macros' ? (
            <MacrosView key={session} client={client} agent={agent} />
          ) : shown === 'automations' ? (
            <AutomationsView key={session} client={client} agent={agent} />
          ) : shown !== 'queue' ? (
            <Supervision key={session} agent={agent} view={shown} />
          ) : (
            <Console agent={agent} session={session} route={route} />
          )
        ) : (
          <section class="login-page" aria-labelledby="login-title">
            <h1 id="login-title">{t('auth.title')}</h1>
            <LoginForm client={client} onDone={signedIn} idPrefix="login" />
          </section>
        )}
      </main>
      <Modal id="expired" open={expired && agent !== null} title={t('auth.expiredTitle')}>
        <p>{t('auth.expiredBody')}</p>
        <LoginForm client={client} initialEmail={agent?.email} onDone={signedIn} idPrefix="relogin" />
      </Modal>
    </I18nContext.Provider>
  );
}

/** Staffing or Reports; a platform admin (no tenant of their own) first picks an organisation. */
function Supervision({ agent, view }: { agent: Agent; view: 'staffing' | 'reports' }) {
  const { t } = useContext(I18nContext);
  const platform = agent.tenant_id === null;
  const [tenants, setTenants] = useState<Tenant[]>([]);
  const [tenant, setTenant] = useState<number | null>(null);
  useEffect(() => {
    if (!platform) return;
    client
      .get<Page<Tenant>>('/api/v1/tenants')
      .then((p) => {
        setTenants(p.items);
        setTenant((current) => current ?? p.items[0]?.id ?? null);
      })
      .catch(() => undefined);
  }, [platform]);
  if (platform && tenant === null) return <p class="loading">{t('common.loading')}</p>;
  return (
    <>
      {platform && (
        <div class="field tenant-pick">
          <label for="view-tenant">{t('queue.tenant')}</label>
          <select id="view-tenant" value={String(tenant)} onChange={(e) => setTenant(Number((e.currentTarget as HTMLSelectElement).value))}>
            {tenants.map((x) => (
              <option key={x.id} value={String(x.id)}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {view === 'staffing' ? <StaffingView client={client} tenantId={tenant} /> : <ReportsView client={client} tenantId={tenant} />}
    </>
  );
}

/** The queue's filters for one default view. */
function filtersOfView(view: QueueView, tenant: string): Filters {
  return { ...DEFAULT_FILTERS, ...viewFilters(view), tenant };
}

function Console({ agent, session, route }: { agent: Agent; session: number; route: Route }) {
  const { t, lang } = useContext(I18nContext);
  const [activeView, setActiveView] = useState<QueueView | null>(route.view ?? 'open');
  const [filters, setFilters] = useState<Filters>(() => filtersOfView(route.view ?? 'open', ''));
  const [viewCounts, setViewCounts] = useState<Map<string, number>>(new Map());
  const [all, setAll] = useState<Ticket[]>([]);
  const [loading, setLoading] = useState(false);
  const [queueError, setQueueError] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const openId = route.ticket ?? null;
  // Opening a ticket is a step in the browser's history: Back returns to the queue or the
  // ticket before, and a reload keeps it open.
  const openTicket = useCallback((id: number) => {
    location.hash = routeHash({ page: 'queue', ticket: id });
  }, []);
  const activeViewRef = useRef(activeView);
  activeViewRef.current = activeView;
  const backToQueue = useCallback(() => {
    location.hash = routeHash({ page: 'queue', view: activeViewRef.current ?? 'open' });
  }, []);
  useEffect(() => {
    if (!route.view) return;
    setActiveView(route.view);
    setFilters((f) => filtersOfView(route.view as QueueView, f.tenant));
  }, [route.view]);
  const [agents, setAgents] = useState<Map<number, Agent>>(new Map());
  const [teams, setTeams] = useState<Team[]>([]);
  const [tenants, setTenants] = useState<Tenant[]>([]);
  const [customers, setCustomers] = useState<Map<number, Customer>>(new Map());
  const [slas, setSlas] = useState<Map<number, { version: number | undefined; sla: TicketSla | null }>>(new Map());
  const [emailMatches, setEmailMatches] = useState<Set<number> | null>(null);
  const [now, setNow] = useState(Date.now());
  const [mode, setMode] = useState<LiveMode>('connecting');
  const [liveVersions, setLiveVersions] = useState<Map<number, number>>(new Map());
  const [help, setHelp] = useState(false);
  const [checked, setChecked] = useState<Set<number>>(new Set());
  const composer = useRef<ComposerControl | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const loadSeq = useRef(0);
  const pending = useRef(new Set<string>());

  // Countdowns tick every 30 s.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    client.get<Page<Agent>>('/api/v1/agents').then((p) => setAgents(new Map(p.items.map((a) => [a.id, a])))).catch(() => undefined);
    client.get<Page<Team>>('/api/v1/teams').then((p) => setTeams(p.items)).catch(() => undefined);
    client.get<Page<Tenant>>('/api/v1/tenants').then((p) => setTenants(p.items)).catch(() => undefined);
  }, [agent.id]);

  const serverQuery = (f: Filters, cursor?: string) =>
    query({
      sort: 'urgency',
      limit: PAGE,
      cursor,
      status: f.status === 'open-work' ? OPEN_STATUSES.join(',') : f.status === 'all' ? undefined : f.status,
      team_id: f.team || undefined,
      assignee_id: f.assignee === 'me' ? agent.id : f.assignee || undefined,
      sla: f.sla || undefined,
      tenant_id: f.tenant || undefined,
      channel: f.channel || undefined,
      q: serverSearch(f.search),
    });

  /** Loads the queue page by page (the first page shows at once), up to MAX_QUEUE tickets. */
  const loadQueue = useCallback(
    async (f: Filters) => {
      const seq = ++loadSeq.current;
      setLoading(true);
      setQueueError(null);
      const items: Ticket[] = [];
      let cursor: string | undefined;
      try {
        do {
          const page = await client.get<Page<Ticket>>(`/api/v1/tickets${serverQuery(f, cursor)}`);
          if (seq !== loadSeq.current) return;
          items.push(...page.items);
          setAll(items.slice());
          cursor = page.next_cursor ?? undefined;
        } while (cursor && items.length < MAX_QUEUE);
      } catch (err) {
        if (seq === loadSeq.current) setQueueError(describeError(err, t));
      } finally {
        if (seq === loadSeq.current) setLoading(false);
      }
    },
    [agent.id, t],
  );

  // The default views' counts come from counters on the server: cheap to ask often.
  const countsTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const loadCounts = useCallback(
    (tenant: string) => {
      client
        .get<{ items: { id: string; count: number }[] }>(`/api/v1/views${query({ tenant_id: tenant || undefined })}`)
        .then((v) => setViewCounts(new Map(v.items.map((x) => [x.id, x.count]))))
        .catch(() => undefined);
    },
    [agent.id],
  );
  const refreshCounts = useCallback(() => {
    if (countsTimer.current) clearTimeout(countsTimer.current);
    countsTimer.current = setTimeout(() => loadCounts(filtersRefForCounts.current.tenant), 1000);
  }, [loadCounts]);
  const filtersRefForCounts = useRef(filters);
  filtersRefForCounts.current = filters;
  useEffect(() => loadCounts(filters.tenant), [filters.tenant, session, loadCounts]);

  // Typing in the search box reloads the queue once the typing pauses.
  const [debouncedSearch, setDebouncedSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebouncedSearch(serverSearch(filters.search) ?? ''), 300);
    return () => clearTimeout(timer);
  }, [filters.search]);
  const serverKey = `${filters.status}|${filters.team}|${filters.assignee}|${filters.sla}|${filters.tenant}|${filters.channel}|${debouncedSearch}|${session}`;
  useEffect(() => {
    void loadQueue({ ...filters, search: debouncedSearch });
  }, [serverKey]);
  // Another queue (not a narrower search of this one) starts with nothing checked.
  useEffect(() => setChecked(new Set()), [filters.status, filters.team, filters.assignee, filters.sla, filters.tenant, filters.channel, session]);

  // Search by e-mail address: ask the API which customer has it.
  useEffect(() => {
    const text = filters.search.trim();
    if (!text.includes('@')) {
      setEmailMatches(null);
      return;
    }
    const timer = setTimeout(() => {
      client
        .get<Page<Customer>>(`/api/v1/customers${query({ email: text, limit: 50 })}`)
        .then((p) => setEmailMatches(new Set(p.items.map((c) => c.id))))
        .catch(() => setEmailMatches(new Set()));
    }, 250);
    return () => clearTimeout(timer);
  }, [filters.search]);

  // Client-side filters: the API has no priority, channel or text filter.
  const tickets = useMemo(() => {
    const needle = filters.search.trim().toLowerCase();
    return all.filter((ticket) => {
      if (filters.priority && ticket.priority !== filters.priority) return false;
      if (filters.channel && ticket.channel !== filters.channel) return false;
      if (needle) {
        const customer = ticket.requester_id ? customers.get(ticket.requester_id) : undefined;
        const hay = `${ticket.reference ?? ''} t-${ticket.id} ${ticket.subject} ${ticket.requester_name ?? ''} ${customer?.name ?? ''} ${(customer?.emails ?? []).join(' ')}`.toLowerCase();
        const byEmail = emailMatches !== null && ticket.requester_id !== undefined && emailMatches.has(ticket.requester_id);
        if (!hay.includes(needle) && !byEmail) return false;
      }
      return true;
    });
  }, [all, filters.priority, filters.channel, filters.search, customers, emailMatches]);

  useEffect(() => {
    setSelected((s) => clampIndex(s, tickets.length));
  }, [tickets.length]);

  // Details for the rows in view: customer names and SLA clocks, fetched lazily.
  const fetchDetails = useCallback(
    (start: number, end: number) => {
      const slice = tickets.slice(start, end);
      const missingCustomers = [
        ...new Set(slice.filter((x) => x.requester_name === undefined).map((x) => x.requester_id).filter((id): id is number => !!id && !customers.has(id))),
      ];
      const missingSla = slice.filter((x) => {
        if (listedDue(x) !== undefined) return false;
        const cached = slas.get(x.id);
        return !cached || cached.version !== x.version;
      });
      for (const id of missingCustomers) {
        const key = `c${id}`;
        if (pending.current.has(key)) continue;
        pending.current.add(key);
        client
          .get<Customer>(`/api/v1/customers/${id}`)
          .then((c) => setCustomers((m) => new Map(m).set(id, c)))
          .catch(() => undefined)
          .finally(() => pending.current.delete(key));
      }
      for (const ticket of missingSla) {
        const key = `s${ticket.id}@${ticket.version}`;
        if (pending.current.has(key)) continue;
        pending.current.add(key);
        client
          .get<TicketSla>(`/api/v1/tickets/${ticket.id}/sla`)
          .then((sla) => setSlas((m) => new Map(m).set(ticket.id, { version: ticket.version, sla })))
          .catch(() => setSlas((m) => new Map(m).set(ticket.id, { version: ticket.version, sla: null })))
          .finally(() => pending.current.delete(key));
      }
    },
    [tickets, customers, slas],
  );

  const slaOf = (ticket: Ticket): SlaSummary | undefined => {
    const listed = summarizeListed(ticket, now);
    if (listed) return listed;
    const cached = slas.get(ticket.id);
    if (!cached) return undefined;
    return cached.sla ? summarizeSla(cached.sla, now) : { state: 'none' };
  };

  const replaceTicket = useCallback((ticket: Ticket) => {
    setAll((list) => {
      const index = list.findIndex((x) => x.id === ticket.id);
      if (index < 0) return list;
      const next = list.slice();
      const old = list[index];
      // A single ticket's answer has no queue summary: keep the requester's name, and the
      // SLA summary only while the version is unchanged (else the row asks for fresh clocks).
      next[index] = {
        ...ticket,
        requester_name: ticket.requester_name ?? old.requester_name,
        sla: ticket.sla !== undefined ? ticket.sla : ticket.version === old.version ? old.sla : undefined,
      };
      return next;
    });
  }, []);

  // Live updates.
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const allRef = useRef(all);
  allRef.current = all;
  const lastPoll = useRef(new Date(Date.now() - 60_000).toISOString());

  const onEvent = useCallback(
    (event: StreamEvent) => {
      refreshCounts();
      if (event.version !== undefined) {
        setLiveVersions((m) => new Map(m).set(event.ticket_id, Math.max(event.version ?? 0, m.get(event.ticket_id) ?? 0)));
      }
      const known = allRef.current.find((x) => x.id === event.ticket_id);
      if (known) {
        if (event.version !== undefined && known.version !== undefined && event.version <= known.version) return;
        client.get<Ticket>(`/api/v1/tickets/${event.ticket_id}`).then(replaceTicket).catch(() => undefined);
      } else {
        // A ticket new to this queue: reload it in the server's order (debounced).
        if (reloadTimer.current) clearTimeout(reloadTimer.current);
        reloadTimer.current = setTimeout(() => void loadQueue({ ...filtersRef.current, search: serverSearch(filtersRef.current.search) ?? '' }), 1500);
      }
    },
    [replaceTicket, loadQueue, refreshCounts],
  );

  useEffect(() => {
    const stop = startLive({
      url: '/api/v1/stream',
      onEvent,
      onMode: setMode,
      onResync: () => void loadQueue({ ...filtersRef.current, search: serverSearch(filtersRef.current.search) ?? '' }),
      onSignal: (event, data) => emitSignal(event, parseSignal(data)),
      pollMs: 5000,
      poll: async () => {
        const since = lastPoll.current;
        const started = new Date(Date.now() - 5000).toISOString();
        const page = await client.get<Page<Ticket>>(`/api/v1/tickets${query({ updated_since: since, limit: 200 })}`);
        lastPoll.current = started;
        for (const ticket of page.items) onEvent({ ticket_id: ticket.id, version: ticket.version, change: 'updated' });
      },
    });
    return stop;
  }, [onEvent, loadQueue]);

  // Keyboard shortcuts.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (document.querySelector('dialog[open]') && e.key !== '?') return;
      if (isTyping(e.target)) {
        if (e.key === 'Escape') (e.target as HTMLElement).blur();
        return;
      }
      const target = e.target as HTMLElement;
      switch (e.key) {
        case 'j':
          e.preventDefault();
          setSelected((s) => clampIndex(s + 1, tickets.length));
          break;
        case 'k':
          e.preventDefault();
          setSelected((s) => clampIndex(s - 1, tickets.length));
          break;
        case 'Enter':
          if (target && (target.tagName === 'BUTTON' || target.tagName === 'A')) return;
          if (selected >= 0 && selected < tickets.length) {
            e.preventDefault();
            openTicket(tickets[selected].id);
          }
          break;
        case 'r':
          if (openId !== null) {
            e.preventDefault();
            composer.current?.('outbound');
          }
          break;
        case 'n':
          if (openId !== null) {
            e.preventDefault();
            composer.current?.('note');
          }
          break;
        case '/':
          e.preventDefault();
          searchBox.current?.focus();
          break;
        case '?':
          e.preventDefault();
          setHelp((h) => !h);
          break;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [tickets, selected, openId]);

  // Changing a filter by hand leaves the default view (the search box narrows it instead).
  const set = (key: keyof Filters) => (e: Event) => {
    if (key !== 'search') setActiveView(null);
    setFilters((f) => ({ ...f, [key]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value }));
  };

  // Filters beyond the default view fold away so the queue gets the height.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = (['priority', 'team', 'channel', 'tenant'] as const).filter((k) => filters[k] !== '').length +
    (filters.status !== 'open-work' ? 1 : 0) + (filters.assignee ? 1 : 0) + (filters.sla ? 1 : 0);
  const tenantTeams = filters.tenant ? teams.filter((x) => String(x.tenant_id) === filters.tenant) : teams;

  return (
    <div class={openId === null ? 'console' : 'console has-ticket'}>
      <section class="queue" aria-labelledby="queue-title">
        <div class="queue-head">
          <h1 id="queue-title" tabIndex={-1}>
            {t('queue.title')}
          </h1>
          <span class="queue-count" role="status">
            {loading ? t('queue.loadingMore', { count: all.length }) : t(tickets.length === 1 ? 'queue.countOne' : 'queue.count', { count: tickets.length })}
          </span>
          <span class={`live-mode live-${mode}`}>{mode === 'live' ? t('live.on') : mode === 'polling' ? t('live.polling') : ''}</span>
          <button type="button" class="icon" onClick={() => setHelp(true)} aria-label={t('help.open')}>
            ?
          </button>
        </div>
        <nav class="queue-views" aria-label={t('views.label')}>
          <ul>
            {QUEUE_VIEWS.map((name) => (
              <li key={name}>
                <a href={routeHash({ page: 'queue', view: name })} aria-current={activeView === name ? 'true' : undefined} data-view={name}>
                  <span class="view-name">{t(`views.${name}`)}</span>{' '}
                  <span class="view-count">{viewCounts.has(name) ? formatNumber(viewCounts.get(name) ?? 0, lang, 0) : ''}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <form class="filters" aria-label={t('queue.filters')} onSubmit={(e) => e.preventDefault()}>
          <div class="field search">
            <label for="f-search">{t('queue.search')}</label>
            <input id="f-search" ref={searchBox} type="search" value={filters.search} onInput={set('search')} />
          </div>
          <details class="filter-panel" open={filtersOpen} onToggle={(e) => setFiltersOpen((e.currentTarget as HTMLDetailsElement).open)}>
            <summary>
              {t('queue.filters')}
              {activeFilters > 0 && <span class="filter-count"> ({activeFilters})</span>}
            </summary>
            <div class="filter-grid">
          <div class="field">
            <label for="f-status">{t('queue.status')}</label>
            <select id="f-status" value={filters.status} onChange={set('status')}>
              <option value="open-work">{t('queue.statusOpenWork')}</option>
              <option value="all">{t('queue.statusAll')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-sla">{t('queue.sla')}</label>
            <select id="f-sla" value={filters.sla} onChange={set('sla')}>
              <option value="">{t('common.any')}</option>
              <option value="at_risk">{t('queue.slaAtRisk')}</option>
              <option value="breached">{t('queue.slaBreached')}</option>
            </select>
          </div>
          <div class="field">
            <label for="f-priority">{t('queue.priority')}</label>
            <select id="f-priority" value={filters.priority} onChange={set('priority')}>
              <option value="">{t('common.any')}</option>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`priority.${p}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-channel">{t('queue.channel')}</label>
            <select id="f-channel" value={filters.channel} onChange={set('channel')}>
              <option value="">{t('common.any')}</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-team">{t('queue.team')}</label>
            <select id="f-team" value={filters.team} onChange={set('team')}>
              <option value="">{t('common.any')}</option>
              {tenantTeams.map((team) => (
                <option key={team.id} value={String(team.id)}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-assignee">{t('queue.assignee')}</label>
            <select id="f-assignee" value={filters.assignee} onChange={set('assignee')}>
              <option value="">{t('common.any')}</option>
              <option value="me">{t('queue.me')}</option>
              <option value="none">{t('queue.unassigned')}</option>
              {[...agents.values()].map((a) => (
                <option key={a.id} value={String(a.id)}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          {tenants.length > 1 && (
            <div class="field">
              <label for="f-tenant">{t('queue.tenant')}</label>
              <select id="f-tenant" value={filters.tenant} onChange={set('tenant')}>
                <option value="">{t('common.any')}</option>
                {tenants.map((x) => (
                  <option key={x.id} value={String(x.id)}>
                    {x.name}
                  </option>
                ))}
              </select>
            </div>
          )}
            </div>
          </details>
        </form>
        {queueError && (
          <div class="notice notice-error" role="alert">
            <p>{queueError}</p>
            <button type="button" onClick={() => void loadQueue({ ...filters, search: debouncedSearch })}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {!loading && tickets.length === 0 && !queueError && <p class="empty">{t('queue.empty')}</p>}
        {tickets.length > 0 && (
          <div class="bulk-select">
            <label class="check">
              <input
                type="checkbox"
                id="queue-select-all"
                checked={checked.size > 0 && tickets.slice(0, MAX_BULK_TICKETS).every((x) => checked.has(x.id))}
                onChange={() => setChecked((c) => toggleAllShown(c, tickets.map((x) => x.id)))}
              />
              {t('bulk.selectAll', { max: MAX_BULK_TICKETS })}
            </label>
            <span class="hint">{t('bulk.spaceHint')}</span>
          </div>
        )}
        <BulkBar
          client={client}
          selected={checked}
          agents={[...agents.values()].filter((a) => a.active !== false && a.tenant_id !== null)}
          referenceOf={(id) => all.find((x) => x.id === id)?.reference ?? `T-${id}`}
          onClear={() => setChecked(new Set())}
          onDone={(summary) => {
            for (const ticket of summary.done) replaceTicket(ticket);
            setChecked(new Set(summary.failed.map((f) => f.ticket_id)));
            refreshCounts();
          }}
        />
        <QueueList
          tickets={tickets}
          selected={selected}
          openId={openId}
          now={now}
          customerOf={(id) => (id ? customers.get(id) : undefined)}
          assigneeName={(id) => (id == null ? undefined : agents.get(id)?.name ?? `#${id}`)}
          slaOf={slaOf}
          onSelect={setSelected}
          onOpen={openTicket}
          onVisible={fetchDetails}
          checked={checked}
          onCheck={(id) => setChecked((c) => toggleSelection(c, id))}
        />
      </section>
      <section class="detail" aria-label={t('ticket.details')}>
        {openId === null ? (
          <p class="placeholder">{t('ticket.select')}</p>
        ) : (
          <TicketView
            client={client}
            ticketId={openId}
            agents={agents}
            teams={teams}
            now={now}
            liveVersion={liveVersions.get(openId)}
            composerControl={composer}
            onOpen={openTicket}
            onChanged={replaceTicket}
            onBack={backToQueue}
          />
        )}
      </section>
      <Modal id="help" open={help} title={t('help.title')} onClose={() => setHelp(false)}>
        <dl class="shortcuts">
          <dt>
            <kbd>j</kbd> / <kbd>k</kbd>
          </dt>
          <dd>{t('help.jk')}</dd>
          <dt>
            <kbd>Space</kbd>
          </dt>
          <dd>{t('help.space')}</dd>
          <dt>
            <kbd>Enter</kbd>
          </dt>
          <dd>{t('help.enter')}</dd>
          <dt>
            <kbd>r</kbd>
          </dt>
          <dd>{t('help.r')}</dd>
          <dt>
            <kbd>n</kbd>
          </dt>
          <dd>{t('help.n')}</dd>
          <dt>
            <kbd>/</kbd>
          </dt>
          <dd>{t('help.slash')}</dd>
          <dt>
            <kbd>?</kbd>
          </dt>
          <dd>{t('help.question')}</dd>
          <dt>
            <kbd>Esc</kbd>
          </dt>
          <dd>{t('help.escape')}</dd>
        </dl>
        <button type="button" onClick={() => setHelp(false)}>
          {t('common.close')}
        </button>
      </Modal>
    </div>
  );
}

