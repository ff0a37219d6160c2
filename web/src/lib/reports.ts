// Pure shaping of the KPI report, the charter evaluation and the agent-load report for the
// console's Reports and Staffing views.

import type { AgentLoadSummary, CharterItem, KpiFigures, KpiReport } from './types';

export interface SlaTotals {
  finished: number;
  met: number;
  /** met / finished over all targets; null when no cycle finished. */
  compliance: number | null;
  minor: number;
  major: number;
}

/** Sums the SLA figures over the targets (first response, resolution, ...). */
export function slaTotals(figures: KpiFigures): SlaTotals {
  let finished = 0;
  let met = 0;
  let minor = 0;
  let major = 0;
  for (const target of Object.values(figures.sla ?? {})) {
    finished += target.cycles_finished ?? 0;
    met += target.cycles_met ?? 0;
    minor += target.breaches?.minor ?? 0;
    major += target.breaches?.major ?? 0;
  }
  return { finished, met, compliance: finished > 0 ? met / finished : null, minor, major };
}

export interface KpiRow {
  key: string;
  period: string;
  /** The period's start (RFC 3339), for showing it in the user's language. */
  periodStart: string;
  received: number;
  handled: number;
  firstResponseMedian: number | null;
  firstResponseP90: number | null;
  resolutionRate: number | null;
  slaCompliance: number | null;
  breachesMinor: number;
  breachesMajor: number;
  csat: number | null;
  csatResponses: number;
}

export function kpiRow(key: string, period: string, f: KpiFigures, periodStart = ''): KpiRow {
  const sla = slaTotals(f);
  return {
    key,
    period,
    periodStart,
    received: f.contacts_received ?? 0,
    handled: f.contacts_handled ?? 0,
    firstResponseMedian: f.first_response_time?.median ?? null,
    firstResponseP90: f.first_response_time?.p90 ?? null,
    resolutionRate: f.resolution_rate?.value ?? null,
    slaCompliance: sla.compliance,
    breachesMinor: sla.minor,
    breachesMajor: sla.major,
    csat: f.csat?.mean ?? null,
    csatResponses: f.csat?.responses ?? 0,
  };
}

/** One row per group (channel x month), in the report's order. */
export function kpiRows(report: KpiReport): KpiRow[] {
  return report.groups.map((g) => kpiRow(g.key, g.period.label, g.figures, g.period.start));
}

export interface KpiTotals {
  received: number;
  handled: number;
  /** Resolved / received over all groups. */
  resolutionRate: number | null;
  slaCompliance: number | null;
  breachesMinor: number;
  breachesMajor: number;
  /** Response-weighted mean grade; null without responses. */
  csat: number | null;
  csatResponses: number;
}

/**
 * Totals over the groups for the headline figures. Counts and ratios of counts add up;
 * medians and p90s do not, so those are shown per group only.
 */
export function kpiTotals(report: KpiReport): KpiTotals {
  let received = 0;
  let handled = 0;
  let resolved = 0;
  let finished = 0;
  let met = 0;
  let minor = 0;
  let major = 0;
  let gradeSum = 0;
  let responses = 0;
  for (const g of report.groups) {
    const f = g.figures;
    received += f.contacts_received ?? 0;
    handled += f.contacts_handled ?? 0;
    resolved += f.resolution_rate?.resolved ?? 0;
    const sla = slaTotals(f);
    finished += sla.finished;
    met += sla.met;
    minor += sla.minor;
    major += sla.major;
    if (f.csat?.mean != null && f.csat.responses > 0) {
      gradeSum += f.csat.mean * f.csat.responses;
      responses += f.csat.responses;
    }
  }
  return {
    received,
    handled,
    resolutionRate: received > 0 ? resolved / received : null,
    slaCompliance: finished > 0 ? met / finished : null,
    breachesMinor: minor,
    breachesMajor: major,
    csat: responses > 0 ? gradeSum / responses : null,
    csatResponses: responses,
  };
}

/** The KPI figure a charter item measures: "first_response_time.p90" -> "first_response_time". */
export function figureOfItem(item: CharterItem): string {
  if (item.kind === 'first_response') return 'first_response_time';
  if (item.kind === 'resolution') return 'resolution_time';
  const base = item.kpi.split('.')[0];
  return base;
}

/** The charter items that promise something about `figure` (e.g. "resolution_rate", "sla"). */
export function itemsForFigure(items: CharterItem[], figure: string): CharterItem[] {
  return items.filter((item) => figureOfItem(item) === figure);
}

export interface OutcomeCounts {
  kept: number;
  missed: number;
  noData: number;
}

export function outcomeCounts(items: CharterItem[]): OutcomeCounts {
  const counts = { kept: 0, missed: 0, noData: 0 };
  for (const item of items) {
    if (item.outcome === 'kept') counts.kept++;
    else if (item.outcome === 'missed') counts.missed++;
    else counts.noData++;
  }
  return counts;
}

export interface LoadRow extends AgentLoadSummary {
  name: string;
}

/** Agent-load rows with names (falling back to "#id"), busiest (highest occupancy) first. */
export function loadRows(agents: AgentLoadSummary[], names: Map<number, string>): LoadRow[] {
  return agents
    .map((a) => ({ ...a, name: names.get(a.agent_id) ?? `#${a.agent_id}` }))
    .sort((a, b) => b.mean_occupancy - a.mean_occupancy || a.name.localeCompare(b.name));
}

export interface Headline extends KpiTotals {
  firstResponseMedian: number | null;
  firstResponseP90: number | null;
}

/**
 * The headline figures: from the whole-window report (dimension all, period custom) when it
 * has exactly one group, else summed over the per-channel groups, where the first-response
 * median and p90 are only known when there is a single group.
 */
export function headline(byGroup: KpiReport, whole: KpiReport | null): Headline {
  if (whole && whole.groups.length === 1) {
    const row = kpiRow(whole.groups[0].key, whole.groups[0].period.label, whole.groups[0].figures);
    return {
      received: row.received,
      handled: row.handled,
      resolutionRate: row.resolutionRate,
      slaCompliance: row.slaCompliance,
      breachesMinor: row.breachesMinor,
      breachesMajor: row.breachesMajor,
      csat: row.csat,
      csatResponses: row.csatResponses,
      firstResponseMedian: row.firstResponseMedian,
      firstResponseP90: row.firstResponseP90,
    };
  }
  const totals = kpiTotals(byGroup);
  const single = byGroup.groups.length === 1 ? byGroup.groups[0].figures.first_response_time : null;
  return { ...totals, firstResponseMedian: single?.median ?? null, firstResponseP90: single?.p90 ?? null };
}
