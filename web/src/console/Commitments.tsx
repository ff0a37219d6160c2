// Commitments (issue 18) in the console: the panel of one ticket (its commitments with state
// and due time in the viewer's own zone, a form to make one, mark kept with a note or cancel)
// and "My commitments" (GET /api/v1/commitments?agent_id=me&state=open by due time, overdue
// ones marked in words, not colour alone).
import { useEffect, useState } from 'preact/hooks';
import { ApiClient, describeError, query } from '../lib/api';
import {
  byDue,
  defaultDue,
  dueInstant,
  isOverdue,
  MAX_COMMITMENT_NOTE,
  MAX_COMMITMENT_WHAT,
  type Commitment,
} from '../lib/commitments';
import { formatDateTime } from '../lib/time';
import { CHANNELS, type Agent, type Channel, type Page, type Ticket } from '../lib/types';
import { Notice, useI18n } from '../lib/ui';
import { ChoiceField } from './MacroParts';

function StateChip({ commitment, now }: { commitment: Commitment; now: number }) {
  const { t } = useI18n();
  if (isOverdue(commitment, now)) return <span class="chip commitment-overdue">{t('commitment.overdue')}</span>;
  return <span class={`chip commitment-${commitment.state}`}>{t(`commitment.state.${commitment.state}`)}</span>;
}

/** Mark kept (with a note) or cancel one open commitment. */
function CloseCommitment({ client, commitment, onClosed }: { client: ApiClient; commitment: Commitment; onClosed: (c: Commitment) => void }) {
  const { t } = useI18n();
  const [keeping, setKeeping] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = async (state: 'kept' | 'cancelled') => {
    setBusy(true);
    setError(null);
    try {
      onClosed(await client.request<Commitment>('PATCH', `/api/v1/commitments/${commitment.id}`, { body: { state, note: note.trim() } }).then((r) => r.data));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };
  const noteId = `commitment-note-${commitment.id}`;
  return (
    <div class="commitment-actions">
      {keeping ? (
        <form
          class="keep-form"
          onSubmit={(e) => {
            e.preventDefault();
            void close('kept');
          }}
        >
          <label for={noteId}>{t('commitment.note')}</label>
          <input id={noteId} type="text" maxLength={MAX_COMMITMENT_NOTE} value={note} onInput={(e) => setNote((e.currentTarget as HTMLInputElement).value)} />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {t('commitment.confirmKept')}
            </button>
            <button type="button" onClick={() => setKeeping(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div class="actions">
          <button type="button" class="keep" disabled={busy} onClick={() => setKeeping(true)} aria-label={t('commitment.markKeptOf', { what: commitment.what })}>
            {t('commitment.markKept')}
          </button>
          <button type="button" disabled={busy} onClick={() => void close('cancelled')} aria-label={t('commitment.cancelOf', { what: commitment.what })}>
            {t('commitment.cancel')}
          </button>
        </div>
      )}
      {error && (
        <Notice kind="error">{error}</Notice>
      )}
    </div>
  );
}

function CommitmentItem({ client, commitment, now, agentName, onClosed, ticketLink }: {
  client: ApiClient;
  commitment: Commitment;
  now: number;
  agentName?: string;
  onClosed: (c: Commitment) => void;
  ticketLink?: boolean;
}) {
  const { t, lang } = useI18n();
  const overdue = isOverdue(commitment, now);
  return (
    <li class={overdue ? 'commitment overdue' : 'commitment'} data-commitment-id={commitment.id} data-state={commitment.state}>
      <p class="commitment-what">
        <StateChip commitment={commitment} now={now} /> {commitment.what}
      </p>
      <p class="commitment-meta">
        {ticketLink && (
          <>
            <a href={`#tickets/${commitment.ticket_id}`}>T-{commitment.ticket_id}</a> ·{' '}
          </>
        )}
        {t('commitment.dueAt', { time: formatDateTime(commitment.due_at, lang) })} · {t(`channel.${commitment.channel}`)}
        {agentName && <> · {agentName}</>}
      </p>
      {commitment.note && <p class="commitment-note">{commitment.note}</p>}
      {commitment.state === 'open' && <CloseCommitment client={client} commitment={commitment} onClosed={onClosed} />}
    </li>
  );
}

export function CommitmentsPanel({ client, ticket, agents, now }: { client: ApiClient; ticket: Ticket; agents: Map<number, Agent>; now: number }) {
  const { t } = useI18n();
  const [list, setList] = useState<Commitment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [what, setWhat] = useState('');
  const [due, setDue] = useState(() => defaultDue(Date.now()));
  const [channel, setChannel] = useState<Channel>(ticket.channel);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const load = () =>
    client
      .get<Page<Commitment>>(`/api/v1/tickets/${ticket.id}/commitments`)
      .then((p) => {
        setList(byDue(p.items));
        setError(null);
      })
      .catch((err) => setError(describeError(err, t)));
  useEffect(() => {
    setList(null);
    setAdding(false);
    void load();
  }, [ticket.id]);
  // Replies keep open commitments on the server: follow the ticket's versions.
  useEffect(() => {
    if (list) void load();
  }, [ticket.version]);

  const create = async (e: Event) => {
    e.preventDefault();
    const at = dueInstant(due);
    if (!what.trim()) return setFormError(t('commitment.whatRequired'));
    if (!at) return setFormError(t('commitment.dueRequired'));
    setBusy(true);
    setFormError(null);
    try {
      const made = await client.post<Commitment>(`/api/v1/tickets/${ticket.id}/commitments`, { what: what.trim(), due_at: at, channel });
      setList((l) => byDue([...(l ?? []), made]));
      setWhat('');
      setAdding(false);
    } catch (err) {
      setFormError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };
  const replace = (c: Commitment) => setList((l) => (l ?? []).map((x) => (x.id === c.id ? c : x)));

  return (
    <section class="commitments" aria-labelledby="ticket-commitments-title">
      <h3 id="ticket-commitments-title">{t('commitment.title')}</h3>
      {error && (
        <Notice kind="error">{error}</Notice>
      )}
      {list && list.length === 0 && <p>{t('commitment.none')}</p>}
      {list && list.length > 0 && (
        <ul class="commitment-list">
          {list.map((c) => (
            <CommitmentItem key={c.id} client={client} commitment={c} now={now} agentName={agents.get(c.agent_id)?.name} onClosed={replace} />
          ))}
        </ul>
      )}
      {adding ? (
        <form class="commitment-form" onSubmit={(e) => void create(e)}>
          <div class="field">
            <label for="commitment-what">{t('commitment.what')}</label>
            <input id="commitment-what" type="text" maxLength={MAX_COMMITMENT_WHAT} value={what} onInput={(e) => setWhat((e.currentTarget as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="commitment-due">{t('commitment.due')}</label>
            <input id="commitment-due" type="datetime-local" value={due} onInput={(e) => setDue((e.currentTarget as HTMLInputElement).value)} />
          </div>
          <ChoiceField
            id="commitment-channel"
            label={t('commitment.channel')}
            value={channel}
            choices={CHANNELS.map((c): [string, string] => [c, t(`channel.${c}`)])}
            onChange={(v) => setChannel(v as Channel)}
          />
          {formError && (
            <Notice kind="error">{formError}</Notice>
          )}
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {t('commitment.create')}
            </button>
            <button type="button" onClick={() => setAdding(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" id="commitment-add" onClick={() => setAdding(true)}>
          {t('commitment.add')}
        </button>
      )}
    </section>
  );
}

export function MyCommitments({ client, agent }: { client: ApiClient; agent: Agent }) {
  const { t } = useI18n();
  const [list, setList] = useState<Commitment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const load = () =>
    client
      .get<Page<Commitment>>(`/api/v1/commitments${query({ agent_id: agent.id, state: 'open', limit: 200 })}`)
      .then((p) => {
        setList(byDue(p.items));
        setError(null);
      })
      .catch((err) => setError(describeError(err, t)));
  useEffect(() => void load(), [agent.id]);
  const overdue = list ? list.filter((c) => isOverdue(c, now)).length : 0;
  const open = list ? list.filter((c) => c.state === 'open').length : 0;
  return (
    <section class="view my-commitments" aria-labelledby="commitments-title">
      <h1 id="commitments-title" tabIndex={-1}>
        {t('commitment.mine')}
      </h1>
      {error && (
        <div class="notice notice-error" role="alert">
          <p>{error}</p>
          <button type="button" onClick={() => void load()}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {list && <p class="muted" role="status">{t('commitment.mineCount', { count: open, overdue })}</p>}
      {list && list.length === 0 && <p>{t('commitment.mineNone')}</p>}
      {list && list.length > 0 && (
        <ul class="commitment-list">
          {list.map((c) => (
            <CommitmentItem
              key={c.id}
              client={client}
              commitment={c}
              now={now}
              ticketLink
              onClosed={(closed) => setList((l) => (l ?? []).map((x) => (x.id === closed.id ? closed : x)))}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
