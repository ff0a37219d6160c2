// The bulk bar of the queue (issue 17): for the checked tickets (at most 100), one change of
// assignee, status, priority, tags or a macro's field changes through POST /api/v1/tickets/bulk,
// then each ticket's outcome: the ones that failed stay checked, with the API's reason.
import { useEffect, useState } from 'preact/hooks';
import { ApiClient, describeError } from '../lib/api';
import { bulkChanges, EMPTY_BULK_FORM, MAX_BULK_TICKETS, summarizeBulk, type BulkForm, type BulkOutcome, type BulkSummary, type Macro } from '../lib/macros';
import type { Agent, Page } from '../lib/types';
import { ChoiceField, useTicketChoices } from './MacroParts';
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
  const { statuses, priorities } = useTicketChoices();
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
        {selected.size === 1 ? t('bulk.titleOne', { max: MAX_BULK_TICKETS }) : t('bulk.title', { count: selected.size, max: MAX_BULK_TICKETS })}
      </h2>
      <div class="bulk-fields">
        <ChoiceField
          id="bulk-assignee"
          label={t('ticket.assignee')}
          value={form.assignee}
          blank={t('bulk.keep')}
          choices={[['none', t('queue.unassigned')], ...agents.map((a): [string, string] => [String(a.id), a.name])]}
          onChange={(v) => setForm({ ...form, assignee: v })}
        />
        <ChoiceField id="bulk-status" label={t('ticket.status')} value={form.status} blank={t('bulk.keep')} choices={statuses} onChange={(v) => setForm({ ...form, status: v })} />
        <ChoiceField id="bulk-priority" label={t('ticket.priority')} value={form.priority} blank={t('bulk.keep')} choices={priorities} onChange={(v) => setForm({ ...form, priority: v })} />
        <div class="field">
          <label for="bulk-tags-add">{t('macros.tagsAdd')}</label>
          <input id="bulk-tags-add" type="text" value={form.tagsAdd} onInput={set('tagsAdd')} />
        </div>
        <div class="field">
          <label for="bulk-tags-remove">{t('macros.tagsRemove')}</label>
          <input id="bulk-tags-remove" type="text" value={form.tagsRemove} onInput={set('tagsRemove')} />
        </div>
        <div>
          <ChoiceField
            id="bulk-macro"
            label={t('bulk.macro')}
            value={form.macro}
            blank={t('common.none')}
            choices={macros.map((m): [string, string] => [String(m.id), m.name])}
            onChange={(v) => setForm({ ...form, macro: v })}
            describedBy="bulk-macro-hint"
          />
          <p id="bulk-macro-hint" class="hint">
            {t('bulk.macroHint')}
          </p>
        </div>
      </div>
      <div class="actions">
        <button type="submit" class="primary" id="bulk-apply" disabled={busy || empty || selected.size === 0}>
          {selected.size === 1 ? t('bulk.applyOne') : t('bulk.apply', { count: selected.size })}
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
