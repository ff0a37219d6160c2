// The staffing form's state and the POST /api/v1/staffing/plan body built from it.

import { fromLocalInput, startOfTomorrow, toLocalInput } from './chart';
import type { Channel } from './types';

export interface PlanForm {
  channels: Channel[];
  interval: string;
  historyWeeks: string;
  start: string;
  intervals: string;
  serviceLevel: string;
  targetSeconds: string;
  aht: string;
}

export function defaultPlanForm(now: Date): PlanForm {
  return {
    channels: ['phone'],
    interval: '30',
    historyWeeks: '8',
    start: toLocalInput(startOfTomorrow(now)),
    intervals: '48',
    serviceLevel: '80',
    targetSeconds: '20',
    aht: '300',
  };
}

/** The request body of POST /api/v1/staffing/plan from the form; a message key when invalid. */
export function planRequest(form: PlanForm, tenantId: number | null): Record<string, unknown> | 'staffing.noChannel' | 'error.invalid' {
  if (form.channels.length === 0) return 'staffing.noChannel';
  const start = fromLocalInput(form.start);
  const num = (s: string) => Number(s);
  const values = [form.interval, form.historyWeeks, form.intervals, form.serviceLevel, form.targetSeconds, form.aht].map(num);
  if (!start || values.some((v) => !Number.isFinite(v) || v <= 0)) return 'error.invalid';
  const body: Record<string, unknown> = {
    interval_minutes: Math.round(num(form.interval)),
    history_weeks: Math.round(num(form.historyWeeks)),
    horizon_start: start.toISOString(),
    horizon_intervals: Math.round(num(form.intervals)),
    channels: form.channels.map((channel) => ({
      channel,
      service_level: num(form.serviceLevel) / 100,
      target_seconds: num(form.targetSeconds),
      aht_seconds: num(form.aht),
    })),
  };
  if (tenantId !== null) body.tenant_id = tenantId;
  return body;
}

