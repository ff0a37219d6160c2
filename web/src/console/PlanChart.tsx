import { planChart, summarizePlan, type PlanRow } from '../lib/chart';
import { formatDateTime, formatNumber, formatShortTime } from '../lib/time';
import { useI18n } from '../lib/ui';

/**
 * The staffing plan as an inline SVG: bars for forecast contacts (left axis), a step line for
 * agents required (right axis). Styled by classes only (the CSP forbids inline styles); the
 * SVG is one image with a title and a text summary, and the table next to it has every value.
 */
export function PlanChart({ rows }: { rows: PlanRow[] }) {
  const { t, lang } = useI18n();
  const chart = planChart(rows, undefined, 9);
  // The day under the first label of each day.
  let lastDay = '';
  const labels = chart.xLabels.map((label) => {
    const day = formatShortTime(rows[label.index].start, lang, 'day');
    const shownDay = day !== lastDay ? day : '';
    lastDay = day;
    return { ...label, time: formatShortTime(rows[label.index].start, lang), day: shownDay };
  });
  const { box } = chart;
  const summary = summarizePlan(rows);
  const plotRight = box.width - box.right;
  const plotBottom = box.height - box.bottom;
  const description = t('staffing.chartSummary', {
    intervals: rows.length,
    start: rows.length ? formatDateTime(rows[0].start, lang) : '',
    contacts: formatNumber(summary.totalContacts, lang, 0),
    agents: summary.peakAgents,
    peak: summary.peakStart ? formatDateTime(summary.peakStart, lang) : '',
  });
  return (
    <figure class="chart">
      <svg
        class="chart-svg"
        viewBox={`0 0 ${box.width} ${box.height}`}
        role="img"
        aria-labelledby="plan-chart-title plan-chart-desc"
        data-bars={chart.bars.length}
      >
        <title id="plan-chart-title">{t('staffing.chartTitle')}</title>
        <desc id="plan-chart-desc">{description}</desc>
        {chart.leftTicks.map((tick) => (
          <g key={`l${tick.value}`}>
            <line class="chart-grid" x1={box.left} x2={plotRight} y1={tick.y} y2={tick.y} />
            <text class="chart-tick chart-tick-end" x={box.left - 6} y={tick.y + 4}>
              {formatNumber(tick.value, lang, 2)}
            </text>
          </g>
        ))}
        {chart.rightTicks.map((tick) => (
          <text key={`r${tick.value}`} class="chart-tick chart-tick-agents" x={plotRight + 6} y={tick.y + 4}>
            {formatNumber(tick.value, lang, 0)}
          </text>
        ))}
        {chart.bars.map((bar, i) => (
          <rect key={i} class="chart-bar" x={bar.x} y={bar.y} width={bar.width} height={bar.height} />
        ))}
        <path class="chart-line" d={chart.agentsPath} />
        <line class="chart-axis" x1={box.left} x2={plotRight} y1={plotBottom} y2={plotBottom} />
        {labels.map((label) => (
          <text key={label.index} class="chart-tick chart-tick-middle" x={label.x} y={plotBottom + 15}>
            {label.time}
            {label.day && (
              <tspan x={label.x} dy="13">
                {label.day}
              </tspan>
            )}
          </text>
        ))}
      </svg>
      <figcaption class="chart-legend">
        <span class="legend-item">
          <span class="legend-swatch legend-bars" aria-hidden="true" />
          {t('staffing.legendContacts')}
        </span>
        <span class="legend-item">
          <span class="legend-swatch legend-line" aria-hidden="true" />
          {t('staffing.legendAgents')}
        </span>
      </figcaption>
    </figure>
  );
}
