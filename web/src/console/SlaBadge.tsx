import { countdown } from '../lib/time';
import type { SlaSummary } from '../lib/urgency';
import { useI18n } from '../lib/ui';

/**
 * The SLA state as a word and a countdown; colour is never the only signal. Compact (queue
 * rows): the countdown alone, the state word for screen readers and as a tooltip, and a
 * warning sign on the clocks at risk (an overdue one says so in its countdown).
 */
export function SlaBadge({ summary, now, compact = false }: { summary: SlaSummary | undefined; now: number; compact?: boolean }) {
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
  if (compact && clock) {
    return (
      <span class={`sla sla-${summary.state.replace('_', '-')}`} data-sla={summary.state} title={label}>
        <span class="sr-only">{label} · </span>
        {summary.state === 'at_risk' && <span aria-hidden="true">⚠ </span>}
        {clock}
      </span>
    );
  }
  return (
    <span class={`sla sla-${summary.state.replace('_', '-')}`} data-sla={summary.state}>
      <span class="sla-label">{label}</span>
      {clock && <span class="sla-clock"> · {clock}</span>}
    </span>
  );
}
