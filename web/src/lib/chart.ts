// Pure helpers for the staffing chart (inline SVG drawn by the console, no chart library):
// nice axis scales, the plan's intervals as rows, and the chart's geometry.

import type { StaffingPlan } from './types';

export interface Scale {
  /** The axis maximum (a nice number >= the data maximum; 1 when there is no data). */
  max: number;
  step: number;
  ticks: number[];
}

/** A "nice" step (1, 2, 2.5 or 5 times a power of ten) so that about `count` steps cover `max`. */
export function niceStep(max: number, count = 4): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const raw = max / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) {
    if (m * power >= raw - 1e-12) return m * power;
  }
  return 10 * power;
}

/** Axis from 0 to a nice maximum with evenly spaced ticks; `integer` keeps steps whole. */
export function niceScale(dataMax: number, count = 4, integer = false): Scale {
  let step = niceStep(dataMax, count);
  if (integer) step = Math.max(1, Math.ceil(step));
  const max = dataMax > 0 && Number.isFinite(dataMax) ? Math.ceil(dataMax / step - 1e-9) * step : step;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step / 1e6; v += step) ticks.push(Number(v.toPrecision(12)));
  return { max, step, ticks };
}

/** Maps a value on [0, max] to a y pixel between bottom (0) and top (max). */
export function scaleY(value: number, max: number, top: number, bottom: number): number {
  if (max <= 0) return bottom;
  const clamped = Math.min(Math.max(value, 0), max);
  return bottom - (clamped / max) * (bottom - top);
}

export interface PlanRow {
  start: string;
  contacts: number;
  agentsRequired: number;
  scheduledAgents: number;
  /** Contact-weighted service level over the channels; null without contacts. */
  serviceLevel: number | null;
}

/** The plan's intervals as table/chart rows (totals over the channels). */
export function planRows(plan: StaffingPlan): PlanRow[] {
  return plan.intervals.map((interval) => {
    let weight = 0;
    let weighted = 0;
    for (const c of interval.channels ?? []) {
      if (c.contacts > 0 && Number.isFinite(c.service_level)) {
        weight += c.contacts;
        weighted += c.contacts * c.service_level;
      }
    }
    return {
      start: interval.start,
      contacts: interval.contacts,
      agentsRequired: interval.agents_required,
      scheduledAgents: interval.scheduled_agents,
      serviceLevel: weight > 0 ? weighted / weight : null,
    };
  });
}

export interface PlanSummary {
  totalContacts: number;
  peakAgents: number;
  peakStart: string | null;
  peakContacts: number;
}

export function summarizePlan(rows: PlanRow[]): PlanSummary {
  let peakAgents = 0;
  let peakStart: string | null = null;
  let peakContacts = 0;
  let totalContacts = 0;
  for (const row of rows) {
    totalContacts += row.contacts;
    peakContacts = Math.max(peakContacts, row.contacts);
    if (row.agentsRequired > peakAgents) {
      peakAgents = row.agentsRequired;
      peakStart = row.start;
    }
  }
  return { totalContacts, peakAgents, peakStart, peakContacts };
}

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const DEFAULT_BOX: ChartBox = { width: 720, height: 270, left: 48, right: 48, top: 14, bottom: 42 };

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlanChart {
  box: ChartBox;
  contactsScale: Scale;
  agentsScale: Scale;
  bars: Bar[];
  /** SVG path data of the agents-required step line. */
  agentsPath: string;
  /** Indices of the rows that get an x-axis label, with the label's x. */
  xLabels: { index: number; x: number }[];
  /** y pixel of each tick on the left (contacts) and right (agents) axes. */
  leftTicks: { value: number; y: number }[];
  rightTicks: { value: number; y: number }[];
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The geometry of the plan chart: bars for forecast contacts, a step line for agents required. */
export function planChart(rows: PlanRow[], box: ChartBox = DEFAULT_BOX, maxLabels = 12): PlanChart {
  const plotLeft = box.left;
  const plotRight = box.width - box.right;
  const plotTop = box.top;
  const plotBottom = box.height - box.bottom;
  const n = rows.length;
  const slot = n > 0 ? (plotRight - plotLeft) / n : 0;
  const contactsScale = niceScale(Math.max(0, ...rows.map((r) => r.contacts)));
  const agentsScale = niceScale(Math.max(0, ...rows.map((r) => r.agentsRequired)), 4, true);
  const bars = rows.map((row, i) => {
    const y = scaleY(row.contacts, contactsScale.max, plotTop, plotBottom);
    const gap = Math.min(2, slot * 0.2);
    return { x: round(plotLeft + i * slot + gap / 2), y: round(y), width: round(Math.max(0.5, slot - gap)), height: round(plotBottom - y) };
  });
  let agentsPath = '';
  rows.forEach((row, i) => {
    const y = round(scaleY(row.agentsRequired, agentsScale.max, plotTop, plotBottom));
    const x0 = round(plotLeft + i * slot);
    const x1 = round(plotLeft + (i + 1) * slot);
    agentsPath += `${i === 0 ? 'M' : 'L'}${x0} ${y}L${x1} ${y}`;
  });
  const every = Math.max(1, Math.ceil(n / Math.max(1, maxLabels)));
  const xLabels: { index: number; x: number }[] = [];
  for (let i = 0; i < n; i += every) xLabels.push({ index: i, x: round(plotLeft + i * slot + slot / 2) });
  const ticks = (scale: Scale) => scale.ticks.map((value) => ({ value, y: round(scaleY(value, scale.max, plotTop, plotBottom)) }));
  return { box, contactsScale, agentsScale, bars, agentsPath, xLabels, leftTicks: ticks(contactsScale), rightTicks: ticks(agentsScale) };
}

/** "YYYY-MM-DDTHH:mm" in the browser's zone, for <input type="datetime-local">. */
export function toLocalInput(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}

/** "YYYY-MM-DD" in the browser's zone, for <input type="date">. */
export function toLocalDate(date: Date): string {
  return toLocalInput(date).slice(0, 10);
}

/** Parses a datetime-local or date value as the browser's local time; null when invalid. */
export function fromLocalInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  if (!m) return null;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Midnight starting the local day after `now`. */
export function startOfTomorrow(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
}

/** The previous calendar month in the browser's zone: [first day, first day of this month). */
export function lastMonth(now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getFullYear(), now.getMonth() - 1, 1), to: new Date(now.getFullYear(), now.getMonth(), 1) };
}
