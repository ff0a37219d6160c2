// The rule runs in a ticket's history (issue 17): each automation_applied event with the rule's
// name, what it changed and when (in the viewer's zone). Read again when the ticket changes.
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../lib/api';
import { parseRun, type AutomationRun } from '../lib/automations';
import { formatDateTime } from '../lib/time';
import type { Page } from '../lib/types';
import { useI18n } from '../lib/ui';

interface HistoryEvent {
  seq: number;
  type: string;
  at: string;
  to: string;
}

export function AutomationHistory({ client, ticketId, version }: { client: ApiClient; ticketId: number; version: number }) {
  const { t, lang } = useI18n();
  const [runs, setRuns] = useState<{ seq: number; at: string; run: AutomationRun }[]>([]);
  useEffect(() => {
    client
      .get<Page<HistoryEvent>>(`/api/v1/tickets/${ticketId}/events`)
      .then((p) => {
        const found: { seq: number; at: string; run: AutomationRun }[] = [];
        for (const e of p.items) {
          if (e.type !== 'automation_applied') continue;
          const run = parseRun(e.to);
          if (run) found.push({ seq: e.seq, at: e.at, run });
        }
        setRuns(found);
      })
      .catch(() => undefined);
  }, [ticketId, version]);
  if (runs.length === 0) return null;
  const said = (run: AutomationRun): string => {
    const parts: string[] = [];
    const c = run.changes ?? {};
    if (typeof c.status === 'string') parts.push(t('macro.change.status', { value: t(`status.${c.status}` as 'status.open') }));
    if (typeof c.priority === 'string') parts.push(t('macro.change.priority', { value: t(`priority.${c.priority}` as 'priority.high') }));
    if (typeof c.category === 'string') parts.push(t('macro.change.category', { value: c.category || t('common.none') }));
    if (Array.isArray(c.tags)) parts.push(t('macro.change.tags', { value: (c.tags as string[]).join(' ') || t('common.none') }));
    if ('team_id' in c) parts.push(t('automation.history.team'));
    if ('assignee_id' in c) parts.push(t('automation.history.assignee'));
    for (const effect of run.effects ?? []) parts.push(t(`automation.action.${effect}` as 'automation.action.add_note'));
    return parts.join(' · ');
  };
  return (
    <>
      <h3>{t('automation.history.title')}</h3>
      <ul class="automation-runs">
        {runs.map(({ seq, at, run }) => (
          <li key={seq} class="automation-run" data-rule-id={run.rule_id}>
            <span class="automation-run-label">{t('automation.history.applied', { name: run.name })}</span>{' '}
            <time dateTime={at}>{formatDateTime(at, lang)}</time>
            <span class="muted"> {said(run)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
