import { countdown } from '../lib/time';
import type { SlaSummary } from '../lib/urgency';
import { useI18n } from '../lib/ui';

/** The SLA state as a word and a countdown; colour is never the only signal. */
export function SlaBadge({ summary, now }: { summary: SlaSummary | undefined; now: number }) {
  const { t, lang } = useI18n();
  if (!summary) return <span class="sla sla-unknown" aria-hidden="true">…</span>;
  const label =
    summary.state === 'breached'
      ? t('sla.breached')
      : summary.state === 'at_risk'
        ? t('sla.atRisk')
        : summary.state === 'ok'
          ? t('sla.ok')
          : summary.state === 'paused'
            ? t('sla.paused')
            : summary.state === 'met'
              ? t('sla.met')
              : t('sla.none');
  let clock = '';
  if (summary.dueMs !== undefined && (summary.state === 'breached' || summary.state === 'at_risk' || summary.state === 'ok')) {
    const c = countdown(summary.dueMs, now, lang);
    clock = c.overdue ? t('sla.overdue', { time: c.text }) : t('sla.dueIn', { time: c.text });
  }
  return (
    <span class={`sla sla-${summary.state.replace('_', '-')}`} data-sla={summary.state}>
      <span class="sla-label">{label}</span>
      {clock && <span class="sla-clock"> · {clock}</span>}
    </span>
  );
}
