import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiClient, ApiError, describeError, isConflict, query } from '../lib/api';
import { countdown, formatDateTime, formatSeconds, parseTime } from '../lib/time';
import { AutomationHistory } from './AutomationHistory';
import {
  PRIORITIES,
  STATUSES,
  type Agent,
  type Customer,
  type Message,
  type MessageKind,
  type Page,
  type Priority,
  type Status,
  type Team,
  type Ticket,
  type TicketSla,
} from '../lib/types';
import { summarizeSla } from '../lib/urgency';
import { clearDraft, loadDraft, saveDraft } from '../lib/drafts';
import { editsOf, isEmptyPatch, patchOf, UNDO_MS, type FieldEdits } from '../lib/edits';
import { Notice, useI18n } from '../lib/ui';
import { SlaBadge } from './SlaBadge';
import { CollisionWarning, PresenceStrip } from './Presence';
import { newestMessageId } from '../lib/signals';
import { isEmptyTicketPatch, type TicketPatch } from '../lib/macros';
import { MacroPicker } from './MacroPicker';
import { CommitmentsPanel } from './Commitments';

export type ComposerControl = (kind: 'outbound' | 'note') => void;

interface Loaded {
  ticket: Ticket;
  messages: Message[];
  sla: TicketSla | null;
  customer: Customer | null;
  others: Ticket[];
}

export function TicketView({
  client,
  ticketId,
  agents,
  teams = [],
  now,
  liveVersion,
  composerControl,
  onOpen,
  onChanged,
  onBack,
}: {
  client: ApiClient;
  ticketId: number;
  agents: Map<number, Agent>;
  teams?: Team[];
  now: number;
  /** The newest version of this ticket announced by live updates. */
  liveVersion: number | undefined;
  composerControl: RefObject<ComposerControl | null>;
  onOpen: (id: number) => void;
  onChanged: (ticket: Ticket) => void;
  /** Back to the queue (shown on narrow screens, where the ticket replaces the queue). */
  onBack: () => void;
}) {
  const { t, lang } = useI18n();
  const [data, setData] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<{ text: string; conflict: boolean } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [kind, setKind] = useState<'outbound' | 'note'>('outbound');
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const seenUpTo = useRef<number | undefined>(undefined);
  const [collided, setCollided] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const ownVersion = useRef<number>(0);
  const [edits, setEdits] = useState<FieldEdits | null>(null);
  const [pendingPatch, setPendingPatch] = useState<TicketPatch | null>(null);
  // The composer as it was before a macro filled it: Undo puts it back.
  const draftBeforeMacro = useRef<{ text: string; kind: 'outbound' | 'note' } | null>(null);
  const pendingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flushPending = useRef<(() => void) | null>(null);

  const load = async (focus: boolean) => {
    try {
      const ticketRes = await client.request<Ticket>('GET', `/api/v1/tickets/${ticketId}`);
      const ticket = ticketRes.data;
      const [messages, sla, customer, others] = await Promise.all([
        client.get<Page<Message>>(`/api/v1/tickets/${ticketId}/messages`).then((p) => p.items),
        client.get<TicketSla>(`/api/v1/tickets/${ticketId}/sla`).catch(() => null),
        ticket.requester_id
          ? client.get<Customer>(`/api/v1/customers/${ticket.requester_id}`).catch(() => null)
          : Promise.resolve(null),
        ticket.requester_id
          ? client
              .get<Page<Ticket>>(`/api/v1/tickets${query({ requester_id: ticket.requester_id, limit: 20 })}`)
              .then((p) => p.items.filter((o) => o.id !== ticket.id))
              .catch(() => [] as Ticket[])
          : Promise.resolve([] as Ticket[]),
      ]);
      ownVersion.current = ticket.version ?? 0;
      setData({ ticket, messages, sla, customer, others });
      if (pendingTimer.current === null) setEdits(editsOf(ticket));
      setLoadError(null);
      onChanged(ticket);
      if (focus) heading.current?.focus();
    } catch (err) {
      setLoadError(describeError(err, t));
    }
  };

  useEffect(() => {
    setData(null);
    setActionError(null);
    setStatus(null);
    setEdits(null);
    setPendingPatch(null);
    const kept = loadDraft(localStorage, ticketId);
    setDraft(kept?.text ?? '');
    setKind(kept?.kind ?? 'outbound');
    void load(true);
    // Leaving the ticket while a change waits for its undo time: send it now, not never.
    return () => flushPending.current?.();
  }, [ticketId]);

  const editDraft = (text: string, which = kind) => {
    // The composer remembers the newest message it saw when the reply began (collisions).
    if (!draft.trim() && text.trim() && data) seenUpTo.current = newestMessageId(data.messages);
    setDraft(text);
    saveDraft(localStorage, ticketId, which, text, Date.now());
  };

  // Someone else changed this ticket: show the new state and say so.
  useEffect(() => {
    if (liveVersion === undefined || !data) return;
    if (liveVersion > ownVersion.current) {
      void load(false).then(() => setStatus(t('ticket.changedElsewhere')));
    }
  }, [liveVersion]);

  composerControl.current = (which) => {
    setKind(which);
    if (draft) saveDraft(localStorage, ticketId, which, draft, Date.now());
    textarea.current?.focus();
  };

  if (loadError) {
    return (
      <section class="ticket" aria-labelledby="ticket-title">
        <h2 id="ticket-title">T-{ticketId}</h2>
        <Notice kind="error">{loadError}</Notice>
        <button type="button" onClick={() => void load(false)}>
          {t('common.retry')}
        </button>
      </section>
    );
  }
  if (!data) return <p class="loading">{t('common.loading')}</p>;

  const { ticket, messages, sla, customer, others } = data;

  const change = async (patch: TicketPatch) => {
    setBusy(true);
    setActionError(null);
    setStatus(null);
    try {
      const updated = await client.request<Ticket>('PATCH', `/api/v1/tickets/${ticket.id}`, {
        body: patch,
        ifMatch: ticket.version,
      });
      ownVersion.current = updated.data.version ?? ownVersion.current;
      setData((d) => (d ? { ...d, ticket: updated.data } : d));
      setEdits(editsOf(updated.data));
      onChanged(updated.data);
      setStatus(t('ticket.updated'));
      void client
        .get<TicketSla>(`/api/v1/tickets/${ticket.id}/sla`)
        .then((s) => setData((d) => (d ? { ...d, sla: s } : d)))
        .catch(() => undefined);
    } catch (err) {
      setActionError({ text: describeError(err, t), conflict: isConflict(err) });
      setEdits(editsOf(ticket));
    } finally {
      setBusy(false);
    }
  };

  const commitPending = (patch: TicketPatch) => {
    if (pendingTimer.current !== null) clearTimeout(pendingTimer.current);
    pendingTimer.current = null;
    draftBeforeMacro.current = null;
    flushPending.current = null;
    setPendingPatch(null);
    void change(patch);
  };

  const schedule = (patch: TicketPatch) => {
    setPendingPatch(patch);
    setStatus(null);
    pendingTimer.current = setTimeout(() => commitPending(patch), UNDO_MS);
    flushPending.current = () => commitPending(patch);
  };

  const apply = () => {
    if (!edits) return;
    const patch = patchOf(ticket, edits);
    if (isEmptyPatch(patch)) return;
    schedule(patch);
  };

  // A macro fills the reply (after what the agent already wrote) and applies its field
  // changes the way Apply does: after UNDO_MS, and Undo also gives the composer back.
  const applyMacro = (text: string, patch: TicketPatch) => {
    draftBeforeMacro.current = { text: draft, kind };
    if (text) {
      setKind('outbound');
      editDraft(draft.trim() ? `${draft.replace(/\s+$/, '')}\n\n${text}` : text, 'outbound');
    }
    if (!isEmptyTicketPatch(patch)) {
      // The selects show what is about to happen, as after the agent's own Apply.
      const current = edits ?? editsOf(ticket);
      setEdits({
        status: patch.status ?? current.status,
        priority: patch.priority ?? current.priority,
        assignee_id: patch.assignee_id !== undefined ? patch.assignee_id : current.assignee_id,
      });
      schedule(patch);
    } else {
      draftBeforeMacro.current = null;
      setStatus(t('macro.applied'));
    }
    textarea.current?.focus();
  };

  const undo = () => {
    if (pendingTimer.current !== null) clearTimeout(pendingTimer.current);
    pendingTimer.current = null;
    flushPending.current = null;
    setPendingPatch(null);
    setEdits(editsOf(ticket));
    const before = draftBeforeMacro.current;
    draftBeforeMacro.current = null;
    if (before) {
      setKind(before.kind);
      setDraft(before.text);
      if (before.text) saveDraft(localStorage, ticketId, before.kind, before.text, Date.now());
      else clearDraft(localStorage, ticketId);
    }
    setStatus(t('ticket.undone'));
  };

  const send = async (e: Event, anyway = false) => {
    e.preventDefault();
    if (!draft.trim()) return;
    setCollided(false);
    const since = kind === 'outbound' && !anyway ? seenUpTo.current ?? newestMessageId(messages) : undefined;
    setBusy(true);
    setActionError(null);
    setStatus(null);
    try {
      const added = await client.post<Message & { ticket: Ticket }>(`/api/v1/tickets/${ticket.id}/messages`, {
        kind: kind as MessageKind,
        body: draft,
        ...(since !== undefined ? { if_no_reply_since: since } : {}),
      });
      seenUpTo.current = undefined;
      const { ticket: newTicket, ...message } = added;
      ownVersion.current = newTicket?.version ?? ownVersion.current;
      setData({ ...data, ticket: newTicket ?? ticket, messages: [...messages, message as Message] });
      if (newTicket) onChanged(newTicket);
      setDraft('');
      clearDraft(localStorage, ticketId);
      // A reply stops the first-response clock: the SLA panel follows at once.
      void client
        .get<TicketSla>(`/api/v1/tickets/${ticket.id}/sla`)
        .then((s) => setData((d) => (d ? { ...d, sla: s } : d)))
        .catch(() => undefined);
      setStatus(kind === 'note' ? t('ticket.noteSaved') : t('ticket.replySent'));
    } catch (err) {
      if (err instanceof ApiError && err.kind === 'reply-collision') {
        setCollided(true);
        void load(false);
      } else setActionError({ text: describeError(err, t), conflict: isConflict(err) });
    } finally {
      setBusy(false);
    }
  };

  const authorName = (m: Message): string => {
    if (m.author_name) return m.author_name;
    const type = m.author?.type;
    if (type === 'agent' && m.author?.id != null) return agents.get(m.author.id)?.name ?? `#${m.author.id}`;
    if (type === 'customer') return customer?.name ?? t('ticket.kind.inbound');
    return t('ticket.system');
  };

  const shownEdits = edits ?? editsOf(ticket);
  const unsaved = patchOf(ticket, shownEdits);
  const tenantAgents = [...agents.values()].filter((a) => a.active !== false && (a.tenant_id === ticket.tenant_id || a.tenant_id == null));
  const summary = summarizeSla(sla ?? undefined, now);

  return (
    <section class="ticket" aria-labelledby="ticket-title">
      <header class="ticket-head">
        <button type="button" class="back-to-queue" onClick={onBack}>
          ← {t('ticket.backToQueue')}
        </button>
        <h2 id="ticket-title" tabIndex={-1} ref={heading}>
          <span class="ticket-ref">{ticket.reference ?? `T-${ticket.id}`}</span> {ticket.subject}
        </h2>
        <p class="ticket-meta">
          <SlaBadge summary={summary} now={now} /> · {t('ticket.created', { time: formatDateTime(ticket.created_at, lang) })} ·{' '}
          {t('ticket.channelVia', { channel: t(`channel.${ticket.channel}`) })}
        </p>
      </header>

      <div class="ticket-controls" aria-label={t('ticket.details')} role="group">
        <div class="field inline">
          <label for="ticket-status">{t('ticket.status')}</label>
          <select
            id="ticket-status"
            value={shownEdits.status}
            disabled={busy || pendingPatch !== null}
            onChange={(e) => setEdits({ ...shownEdits, status: (e.currentTarget as HTMLSelectElement).value as Status })}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field inline">
          <label for="ticket-priority">{t('ticket.priority')}</label>
          <select
            id="ticket-priority"
            value={shownEdits.priority}
            disabled={busy || pendingPatch !== null}
            onChange={(e) => setEdits({ ...shownEdits, priority: (e.currentTarget as HTMLSelectElement).value as Priority })}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field inline">
          <label for="ticket-assignee">{t('ticket.assignee')}</label>
          <select
            id="ticket-assignee"
            value={shownEdits.assignee_id == null ? '' : String(shownEdits.assignee_id)}
            disabled={busy || pendingPatch !== null}
            onChange={(e) => {
              const value = (e.currentTarget as HTMLSelectElement).value;
              setEdits({ ...shownEdits, assignee_id: value === '' ? null : Number(value) });
            }}
          >
            <option value="">{t('queue.unassigned')}</option>
            {tenantAgents.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        {pendingPatch ? (
          <div class="pending-change" role="status">
            <span>{t('ticket.applying', { seconds: Math.round(UNDO_MS / 1000) })}</span>{' '}
            <button type="button" id="ticket-undo" onClick={undo}>
              {t('ticket.undo')}
            </button>
          </div>
        ) : (
          <div class="apply-change">
            <button type="button" id="ticket-apply" class="primary" disabled={busy || isEmptyPatch(unsaved)} onClick={apply}>
              {t('ticket.apply')}
            </button>
            {!isEmptyPatch(unsaved) && (
              <button type="button" id="ticket-discard" onClick={() => setEdits(editsOf(ticket))}>
                {t('ticket.discard')}
              </button>
            )}
          </div>
        )}
      </div>

      {actionError && (
        <div class="notice notice-error" role="alert">
          <p>{actionError.text}</p>
          {actionError.conflict && (
            <button
              type="button"
              onClick={() => {
                setActionError(null);
                void load(false);
              }}
            >
              {t('ticket.reload')}
            </button>
          )}
        </div>
      )}
      <div class="live-status" role="status" aria-live="polite">
        {status}
      </div>

      <div class="ticket-columns">
        <div class="ticket-main">
          <h3>{t('ticket.thread')}</h3>
          {messages.length === 0 && <p>{t('ticket.empty')}</p>}
          <ol class="thread">
            {messages.map((m) => (
              <li key={m.id} class={`msg msg-${m.kind}`} data-kind={m.kind} data-message-id={m.id}>
                <div class="msg-head">
                  <span class={`msg-kind kind-${m.kind}`}>{t(`ticket.kind.${m.kind}`)}</span>
                  <span class="msg-author">{authorName(m)}</span>
                  <time dateTime={m.created_at}>{formatDateTime(m.created_at, lang)}</time>
                </div>
                {/* Bodies are text: Preact escapes them, so markup in a message never runs. */}
                <p class="msg-body">{m.body}</p>
              </li>
            ))}
          </ol>

          <MacroPicker client={client} ticket={ticket} agents={agents} teams={teams} disabled={busy || pendingPatch !== null} onApply={applyMacro} />
          <PresenceStrip client={client} ticketId={ticket.id} replying={draft.trim() !== '' && kind === 'outbound'} />
          {collided && <CollisionWarning onSendAnyway={() => void send(new Event('submit'), true)} onCancel={() => setCollided(false)} />}
          <form class={`composer composer-${kind}`} onSubmit={(e) => void send(e)}>
            <fieldset class="composer-kind">
              <legend class="sr-only">{t('ticket.thread')}</legend>
              <label>
                <input type="radio" name="kind" value="outbound" checked={kind === 'outbound'} onChange={() => {
                    setKind('outbound');
                    editDraft(draft, 'outbound');
                  }}
                />{' '}
                {t('ticket.composeReply')}
              </label>
              <label>
                <input type="radio" name="kind" value="note" checked={kind === 'note'} onChange={() => {
                    setKind('note');
                    editDraft(draft, 'note');
                  }}
                />{' '}
                {t('ticket.composeNote')}
              </label>
            </fieldset>
            <label for="composer-text">{kind === 'note' ? t('ticket.note') : t('ticket.reply')}</label>
            <textarea
              id="composer-text"
              ref={textarea}
              rows={5}
              value={draft}
              onInput={(e) => editDraft((e.currentTarget as HTMLTextAreaElement).value)}
            />
            <button type="submit" class="primary" disabled={busy || !draft.trim()}>
              {kind === 'note' ? t('ticket.saveNote') : t('ticket.sendReply')}
            </button>
          </form>
        </div>

        <aside class="ticket-side">
          <h3>{t('ticket.customer')}</h3>
          {customer ? (
            <div class="customer">
              <p class="customer-name">{customer.name}</p>
              {customer.emails?.map((mail) => (
                <p key={mail} class="customer-mail">
                  {mail}
                </p>
              ))}
            </div>
          ) : (
            <p>—</p>
          )}

          <h3>{t('sla.title')}</h3>
          {sla?.policy && <p>{t('sla.policy', { name: sla.policy.name })}</p>}
          {sla && sla.clocks.length > 0 ? (
            <ul class="clocks">
              {sla.clocks.map((c) => {
                const due = parseTime(c.due_at);
                const cd = due !== undefined ? countdown(due, now, lang) : undefined;
                return (
                  <li key={`${c.target}-${c.cycle}`}>
                    <span class="clock-target">{t(`sla.target.${c.target}` as 'sla.target.resolution')}</span>{' '}
                    <SlaBadge summary={summarizeSla({ ...sla, clocks: [c] }, now)} now={now} />
                    {cd && <span class="clock-due"> {t('sla.dueAt', { time: formatDateTime(c.due_at, lang) })}</span>}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p>{t('sla.none')}</p>
          )}

          <CommitmentsPanel client={client} ticket={ticket} agents={agents} now={now} />
          <AutomationHistory client={client} ticketId={ticket.id} version={ticket.version ?? 0} />

          <StatusTimesPanel client={client} ticket={ticket} />

          <h3>{t('ticket.otherTickets')}</h3>
          {others.length === 0 ? (
            <p>{t('ticket.noOtherTickets')}</p>
          ) : (
            <ul class="others">
              {others.map((o) => (
                <li key={o.id}>
                  <button type="button" class="link" onClick={() => onOpen(o.id)}>
                    {o.reference ?? `T-${o.id}`} {o.subject}
                  </button>{' '}
                  <span class="chip">{t(`status.${o.status}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>
    </section>
  );
}

interface StatusTimes {
  current: string;
  since: string;
  statuses: { status: string; seconds: number; business_seconds: number | null; entered: number }[];
}

/** Time in each status (GET /tickets/{id}/status-times), fetched again after every change. */
function StatusTimesPanel({ client, ticket }: { client: ApiClient; ticket: Ticket }) {
  const { t, lang } = useI18n();
  const [times, setTimes] = useState<StatusTimes | null>(null);
  useEffect(() => {
    let live = true;
    client
      .get<StatusTimes>(`/api/v1/tickets/${ticket.id}/status-times`)
      .then((loaded) => live && setTimes(loaded))
      .catch(() => live && setTimes(null));
    return () => {
      live = false;
    };
  }, [client, ticket.id, ticket.version]);
  if (!times) return null;
  return (
    <>
      <h3>{t('statusTime.title')}</h3>
      <dl class="status-times">
        {times.statuses.map((s) => (
          <div key={s.status}>
            <dt>{t(`status.${s.status}` as 'status.open')}</dt>
            <dd>
              {formatSeconds(s.seconds, lang)}
              {s.business_seconds !== null && (
                <span class="muted"> · {t('statusTime.business', { time: formatSeconds(s.business_seconds, lang) })}</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
