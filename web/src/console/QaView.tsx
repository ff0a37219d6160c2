// Quality assurance (issue 18), #qa: reviewers (QA reviewers, supervisors, admins) see their
// queue of sampled tickets, open one (its messages beside the scorecard), score every
// criterion with a comment and submit; everyone sees the reviews of their own work and may
// acknowledge one or dispute it with a reason. Times in the viewer's own zone.
import { useEffect, useState } from 'preact/hooks';
import { ApiClient, describeError, query } from '../lib/api';
import { formatScore, mayReview, MAX_QA_TEXT, reviewBody, type Entry, type QaReview, type QaSample, type QaScorecard } from '../lib/qa';
import { formatDateTime } from '../lib/time';
import type { MessageKey } from '../lib/i18n';
import type { Agent, Message, Page } from '../lib/types';
import { Notice, useI18n } from '../lib/ui';

function criterionName(card: QaScorecard | null, key: string, lang: 'nl' | 'en' | 'zh'): string {
  const c = card?.criteria.find((x) => x.key === key);
  return c ? c.name[lang] || c.name.en : key;
}

/** The sender's name as the message list names it (`from`), else the older `author_name`. */
function authorOf(m: Message): string {
  const from = (m as Message & { from?: { name?: string } }).from;
  return from?.name ?? m.author_name ?? '';
}

function ScoreForm({ client, sample, card, onDone, onCancel }: {
  client: ApiClient;
  sample: QaSample;
  card: QaScorecard;
  onDone: (review: QaReview) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client
      .get<Page<Message>>(`/api/v1/tickets/${sample.ticket_id}/messages`)
      .then((p) => setMessages(p.items))
      .catch((err) => setError(describeError(err, t)));
  }, [sample.id]);
  const set = (key: string, change: Partial<Entry>) =>
    setEntries((e) => ({ ...e, [key]: { ...(e[key] ?? { score: '', comment: '' }), ...change } }));
  const submit = async (e: Event) => {
    e.preventDefault();
    const { missing, body } = reviewBody(card, entries, sample.id, comment);
    if (missing.length > 0) {
      setError(t('qa.missingScores', { criteria: missing.map((k) => criterionName(card, k, lang)).join(', ') }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await client.post<QaReview>('/api/v1/qa/reviews', body));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };
  const scale = Array.from({ length: card.scale_max + 1 }, (_, n) => String(n));
  return (
    <section class="qa-score" aria-labelledby="qa-score-title">
      <h2 id="qa-score-title" tabIndex={-1}>
        {t('qa.scoreTitle', { id: sample.ticket_id, agent: sample.agent_name })}
      </h2>
      <p class="muted">
        {sample.subject} · {t(`channel.${sample.channel}` as MessageKey)} · {sample.day}
      </p>
      <h3>{t('qa.conversation')}</h3>
      {messages === null && !error && <p class="loading">{t('common.loading')}</p>}
      {messages && (
        <ol class="qa-messages">
          {messages.map((m) => (
            <li key={m.id} class={`qa-message qa-message-${m.kind}`}>
              <p class="qa-message-meta">
                {t(`qa.kind.${m.kind}` as MessageKey)}
                {authorOf(m) && <> · {authorOf(m)}</>} · {formatDateTime(m.created_at, lang)}
              </p>
              <p class="qa-message-body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form class="qa-form" onSubmit={(e) => void submit(e)}>
        {card.criteria.map((c) => {
          const entry = entries[c.key] ?? { score: '', comment: '' };
          return (
            <fieldset key={c.key} class="qa-criterion" data-criterion={c.key}>
              <legend>
                {c.name[lang] || c.name.en}
                {c.critical && <span class="chip qa-critical"> {t('qa.critical')}</span>}
              </legend>
              {c.description?.[lang] && <p class="muted">{c.description[lang]}</p>}
              <div class="qa-scale" role="radiogroup" aria-label={t('qa.scoreOf', { name: c.name[lang] || c.name.en })}>
                {[...scale, 'na'].map((value) => (
                  <label key={value} class="qa-option">
                    <input
                      type="radio"
                      name={`qa-${c.key}`}
                      value={value}
                      checked={entry.score === value}
                      onChange={() => set(c.key, { score: value })}
                    />
                    <span>{value === 'na' ? t('qa.notApplicable') : value}</span>
                  </label>
                ))}
              </div>
              <label for={`qa-comment-${c.key}`}>{t('qa.comment')}</label>
              <textarea
                id={`qa-comment-${c.key}`}
                rows={2}
                maxLength={MAX_QA_TEXT}
                value={entry.comment}
                onInput={(e) => set(c.key, { comment: (e.currentTarget as HTMLTextAreaElement).value })}
              />
            </fieldset>
          );
        })}
        <div class="field">
          <label for="qa-overall">{t('qa.overallComment')}</label>
          <textarea id="qa-overall" rows={3} maxLength={MAX_QA_TEXT} value={comment} onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)} />
        </div>
        {error && <Notice kind="error">{error}</Notice>}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy} id="qa-submit">
            {t('qa.submit')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ReviewItem({ client, review, card, own, onChanged }: {
  client: ApiClient;
  review: QaReview;
  card: QaScorecard | null;
  own: boolean;
  onChanged: (r: QaReview) => void;
}) {
  const { t, lang } = useI18n();
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const used = review.scorecard ?? card;
  const answer = async (action: 'acknowledge' | 'dispute') => {
    if (action === 'dispute' && !reason.trim()) return setError(t('qa.reasonRequired'));
    setBusy(true);
    setError(null);
    try {
      const body = action === 'dispute' ? { reason: reason.trim() } : {};
      onChanged(await client.post<QaReview>(`/api/v1/qa/reviews/${review.id}/${action}`, body));
      setDisputing(false);
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };
  const score = formatScore(review.score, lang);
  const reasonId = `qa-reason-${review.id}`;
  return (
    <li class="qa-review" data-review-id={review.id} data-state={review.state}>
      <p class="qa-review-head">
        <a href={`#tickets/${review.ticket_id}`}>T-{review.ticket_id}</a> · {score ?? t('qa.noScore')}
        {review.critical_fail && <span class="chip qa-critical-fail"> {t('qa.criticalFail')}</span>} ·{' '}
        <span class={`chip qa-state-${review.state}`}>{t(`qa.state.${review.state}`)}</span> · {formatDateTime(review.created_at, lang)}
      </p>
      <details>
        <summary>{t('qa.details')}</summary>
        <dl class="qa-scores">
          {review.scores.map((s) => (
            <div key={s.key}>
              <dt>{criterionName(used, s.key, lang)}</dt>
              <dd>
                {s.score === null ? t('qa.notApplicable') : `${s.score} / ${used?.scale_max ?? ''}`}
                {s.comment && <> — {s.comment}</>}
              </dd>
            </div>
          ))}
        </dl>
        {review.comment && <p>{review.comment}</p>}
      </details>
      {review.response && <p class="muted">{t('qa.response', { text: review.response })}</p>}
      {own && review.state === 'submitted' && (
        <div class="qa-answer">
          {disputing ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void answer('dispute');
              }}
            >
              <label for={reasonId}>{t('qa.reason')}</label>
              <textarea id={reasonId} rows={2} maxLength={MAX_QA_TEXT} value={reason} onInput={(e) => setReason((e.currentTarget as HTMLTextAreaElement).value)} />
              <div class="actions">
                <button type="submit" class="primary" disabled={busy}>
                  {t('qa.sendDispute')}
                </button>
                <button type="button" onClick={() => setDisputing(false)}>
                  {t('common.cancel')}
                </button>
              </div>
            </form>
          ) : (
            <div class="actions">
              <button type="button" class="primary" disabled={busy} onClick={() => void answer('acknowledge')}>
                {t('qa.acknowledge')}
              </button>
              <button type="button" disabled={busy} onClick={() => setDisputing(true)}>
                {t('qa.dispute')}
              </button>
            </div>
          )}
        </div>
      )}
      {error && <Notice kind="error">{error}</Notice>}
    </li>
  );
}

export function QaView({ client, agent }: { client: ApiClient; agent: Agent }) {
  const { t, lang } = useI18n();
  const reviewer = mayReview(agent.role);
  const [card, setCard] = useState<QaScorecard | null>(null);
  const [queue, setQueue] = useState<QaSample[] | null>(null);
  const [mine, setMine] = useState<QaReview[] | null>(null);
  const [open, setOpen] = useState<QaSample | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = () => {
    setError(null);
    client.get<QaScorecard>('/api/v1/qa/scorecard').then(setCard).catch((err) => setError(describeError(err, t)));
    if (reviewer) {
      client
        .get<Page<QaSample>>(`/api/v1/qa/queue${query({ limit: 100 })}`)
        .then((p) => setQueue(p.items))
        .catch((err) => setError(describeError(err, t)));
    }
    client
      .get<Page<QaReview>>(`/api/v1/qa/reviews${query({ agent: agent.id, limit: 100 })}`)
      .then((p) => setMine(p.items))
      .catch((err) => setError(describeError(err, t)));
  };
  useEffect(load, [agent.id]);
  useEffect(() => {
    if (open) document.getElementById('qa-score-title')?.focus();
  }, [open?.id]);
  return (
    <section class="view qa-view" aria-labelledby="qa-title">
      <h1 id="qa-title" tabIndex={-1}>
        {t('qa.title')}
      </h1>
      {error && (
        <div class="notice notice-error" role="alert">
          <p>{error}</p>
          <button type="button" onClick={load}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {done && <Notice kind="success">{done}</Notice>}
      {reviewer && open && card ? (
        <ScoreForm
          client={client}
          sample={open}
          card={card}
          onCancel={() => setOpen(null)}
          onDone={(review) => {
            setQueue((q) => (q ?? []).filter((s) => s.id !== open.id));
            setOpen(null);
            setDone(t('qa.submitted', { id: review.ticket_id, score: formatScore(review.score, lang) ?? t('qa.noScore') }));
          }}
        />
      ) : (
        reviewer && (
          <section class="qa-queue" aria-labelledby="qa-queue-title">
            <h2 id="qa-queue-title">{t('qa.queue')}</h2>
            {queue === null && !error && <p class="loading">{t('common.loading')}</p>}
            {queue && queue.length === 0 && <p>{t('qa.queueEmpty')}</p>}
            {queue && queue.length > 0 && (
              <ul class="qa-sample-list">
                {queue.map((s) => (
                  <li key={s.id} class="qa-sample" data-sample-id={s.id}>
                    <p>
                      <strong>T-{s.ticket_id}</strong> {s.subject}
                    </p>
                    <p class="muted">
                      {s.agent_name} · {t(`channel.${s.channel}` as MessageKey)} · {s.day}
                      {s.reviews > 0 && <> · {t('qa.reviewedBy', { count: s.reviews })}</>}
                    </p>
                    <button
                      type="button"
                      onClick={() => {
                        setDone(null);
                        setOpen(s);
                      }}
                      aria-label={t('qa.scoreTicket', { id: s.ticket_id })}
                    >
                      {t('qa.score')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )
      )}
      <section class="qa-mine" aria-labelledby="qa-mine-title">
        <h2 id="qa-mine-title">{t('qa.mine')}</h2>
        {mine && mine.length === 0 && <p>{t('qa.mineNone')}</p>}
        {mine && mine.length > 0 && (
          <ul class="qa-review-list">
            {mine.map((r) => (
              <ReviewItem
                key={r.id}
                client={client}
                review={r}
                card={card}
                own={r.agent_id === agent.id}
                onChanged={(changed) => setMine((l) => (l ?? []).map((x) => (x.id === changed.id ? changed : x)))}
              />
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
