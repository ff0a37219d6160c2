// The bulk bar of the queue (issue 17): for the checked tickets (at most 100), one change of
// assignee, status, priority, tags or a macro's field changes through POST /api/v1/tickets/bulk,
// then each ticket's outcome: the ones that failed stay checked, with the API's reason.
import { useEffect, useState } from 'preact/hooks';
import { ApiClient, describeError } from '../lib/api';
import { bulkChanges, EMPTY_BULK_FORM, MAX_BULK_TICKETS, summarizeBulk, type BulkForm, type BulkOutcome, type BulkSummary, type Macro } from '../lib/macros';
import { PRIORITIES, STATUSES, type Agent, type Page } from '../lib/types';
import { Notice, useI18n } from '../lib/ui';

export function BulkBar({
  client,
  selected,
  agents,
  referenceOf,
  onDone,
  onClear,
}: {
  client: ApiClient;
  selected: ReadonlySet<number>;
  agents: Agent[];
  referenceOf: (id: number) => string;
  onDone: (summary: BulkSummary) => void;
  onClear: () => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<BulkForm>(EMPTY_BULK_FORM);
  const [macros, setMacros] = useState<Macro[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<BulkSummary | null>(null);
  useEffect(() => {
    client.get<Page<Macro>>('/api/v1/macros').then((p) => setMacros(p.items)).catch(() => undefined);
  }, []);
  const set = (key: keyof BulkForm) => (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });
  const changes = bulkChanges(form, macros.find((m) => String(m.id) === form.macro));
  const empty = Object.keys(changes).length === 0;

  const run = async (e: Event) => {
    e.preventDefault();
    if (empty || selected.size === 0) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const answer = await client.post<{ items: BulkOutcome[] }>('/api/v1/tickets/bulk', { ticket_ids: [...selected], changes });
      const summary = summarizeBulk(answer.items);
      setResult(summary);
      onDone(summary);
      if (summary.failed.length === 0) setForm(EMPTY_BULK_FORM);
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  if (selected.size === 0 && !result) return null;
  return (
    <form class="bulk-bar" aria-labelledby="bulk-title" onSubmit={(e) => void run(e)}>
      <h2 id="bulk-title" class="bulk-title">
        {t('bulk.title', { count: selected.size, max: MAX_BULK_TICKETS })}
      </h2>
      <div class="bulk-fields">
        <div class="field">
          <label for="bulk-assignee">{t('ticket.assignee')}</label>
          <select id="bulk-assignee" value={form.assignee} onChange={set('assignee')}>
            <option value="">{t('bulk.keep')}</option>
            <option value="none">{t('queue.unassigned')}</option>
            {agents.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="bulk-status">{t('ticket.status')}</label>
          <select id="bulk-status" value={form.status} onChange={set('status')}>
            <option value="">{t('bulk.keep')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="bulk-priority">{t('ticket.priority')}</label>
          <select id="bulk-priority" value={form.priority} onChange={set('priority')}>
            <option value="">{t('bulk.keep')}</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="bulk-tags-add">{t('macros.tagsAdd')}</label>
          <input id="bulk-tags-add" type="text" value={form.tagsAdd} onInput={set('tagsAdd')} />
        </div>
        <div class="field">
          <label for="bulk-tags-remove">{t('macros.tagsRemove')}</label>
          <input id="bulk-tags-remove" type="text" value={form.tagsRemove} onInput={set('tagsRemove')} />
        </div>
        <div class="field">
          <label for="bulk-macro">{t('bulk.macro')}</label>
          <select id="bulk-macro" value={form.macro} onChange={set('macro')} aria-describedby="bulk-macro-hint">
            <option value="">{t('common.none')}</option>
            {macros.map((m) => (
              <option key={m.id} value={String(m.id)}>
                {m.name}
              </option>
            ))}
          </select>
          <span id="bulk-macro-hint" class="hint">
            {t('bulk.macroHint')}
          </span>
        </div>
      </div>
      <div class="actions">
        <button type="submit" class="primary" id="bulk-apply" disabled={busy || empty || selected.size === 0}>
          {t('bulk.apply', { count: selected.size })}
        </button>
        <button
          type="button"
          onClick={() => {
            setResult(null);
            onClear();
          }}
        >
          {t('bulk.clear')}
        </button>
      </div>
      {error && (
        <Notice kind="error">{error}</Notice>
      )}
      <div role="status" class="bulk-result">
        {result && (
          <>
            <p>{t('bulk.result', { done: result.done.length, failed: result.failed.length })}</p>
            {result.failed.length > 0 && (
              <ul class="bulk-failed">
                {result.failed.map((f) => (
                  <li key={f.ticket_id} data-ticket-id={f.ticket_id}>
                    {t('bulk.failedOne', { ticket: referenceOf(f.ticket_id), reason: f.reason })}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </form>
  );
}
