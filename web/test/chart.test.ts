import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BOX,
  fromLocalInput,
  lastMonth,
  niceScale,
  niceStep,
  planChart,
  planRows,
  scaleY,
  startOfTomorrow,
  summarizePlan,
  toLocalDate,
  toLocalInput,
  type PlanRow,
} from '../src/lib/chart';
import { defaultPlanForm, planRequest } from '../src/lib/staffing';
import type { StaffingPlan } from '../src/lib/types';

describe('niceStep / niceScale', () => {
  it('picks 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(10, 4)).toBe(2.5);
    expect(niceStep(100, 4)).toBe(25);
    expect(niceStep(7, 4)).toBe(2);
    expect(niceStep(0.9, 4)).toBe(0.25);
    expect(niceStep(37, 4)).toBe(10);
  });

  it('covers the data maximum with evenly spaced ticks from 0', () => {
    const s = niceScale(37);
    expect(s.max).toBe(40);
    expect(s.ticks).toEqual([0, 10, 20, 30, 40]);
    expect(niceScale(40).max).toBe(40);
    expect(niceScale(12.3).ticks).toEqual([0, 5, 10, 15]);
  });

  it('keeps integer steps for agent counts', () => {
    const s = niceScale(3, 4, true);
    expect(s.step).toBe(1);
    expect(s.ticks).toEqual([0, 1, 2, 3]);
  });

  it('has a usable axis without data', () => {
    for (const max of [0, -5, NaN, Infinity]) {
      const s = niceScale(max);
      expect(s.max).toBeGreaterThan(0);
      expect(s.ticks[0]).toBe(0);
    }
  });
});

describe('scaleY', () => {
  it('maps 0 to the bottom and max to the top, clamping outside values', () => {
    expect(scaleY(0, 10, 10, 110)).toBe(110);
    expect(scaleY(10, 10, 10, 110)).toBe(10);
    expect(scaleY(5, 10, 10, 110)).toBe(60);
    expect(scaleY(20, 10, 10, 110)).toBe(10);
    expect(scaleY(-3, 10, 10, 110)).toBe(110);
    expect(scaleY(3, 0, 10, 110)).toBe(110);
  });
});

const plan: StaffingPlan = {
  start: '2026-11-24T00:00:00Z',
  interval_minutes: 30,
  total_contacts: 30,
  required_agent_hours: 4,
  paid_agent_hours: 5,
  total_cost: 0,
  cost_per_contact: null,
  channels: [],
  intervals: [
    {
      start: '2026-11-24T08:00:00Z',
      contacts: 10,
      agents_required: 3,
      scheduled_agents: 4,
      cost: 0,
      channels: [
        { channel: 'phone', contacts: 8, aht_seconds: 300, agents_required: 2, scheduled_agents: 3, service_level: 0.9, asa_seconds: 5, abandon_rate: 0, occupancy: 0.6 },
        { channel: 'chat', contacts: 2, aht_seconds: 300, agents_required: 1, scheduled_agents: 1, service_level: 0.8, asa_seconds: 5, abandon_rate: 0, occupancy: 0.3 },
      ],
    },
    {
      start: '2026-11-24T08:30:00Z',
      contacts: 20,
      agents_required: 5,
      scheduled_agents: 6,
      cost: 0,
      channels: [{ channel: 'phone', contacts: 20, aht_seconds: 300, agents_required: 5, scheduled_agents: 6, service_level: 0.85, asa_seconds: 5, abandon_rate: 0, occupancy: 0.7 }],
    },
    { start: '2026-11-24T09:00:00Z', contacts: 0, agents_required: 0, scheduled_agents: 0, cost: 0, channels: [] },
  ],
};

describe('planRows / summarizePlan', () => {
  it('totals the intervals and weights the service level by contacts', () => {
    const rows = planRows(plan);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ contacts: 10, agentsRequired: 3, scheduledAgents: 4 });
    expect(rows[0].serviceLevel).toBeCloseTo((8 * 0.9 + 2 * 0.8) / 10, 10);
    expect(rows[1].serviceLevel).toBeCloseTo(0.85, 10);
    expect(rows[2].serviceLevel).toBeNull();
  });

  it('finds the peak', () => {
    expect(summarizePlan(planRows(plan))).toEqual({ totalContacts: 30, peakAgents: 5, peakStart: '2026-11-24T08:30:00Z', peakContacts: 20 });
    expect(summarizePlan([])).toEqual({ totalContacts: 0, peakAgents: 0, peakStart: null, peakContacts: 0 });
  });
});

describe('planChart', () => {
  const rows = planRows(plan);
  const chart = planChart(rows);
  const box = DEFAULT_BOX;
  const bottom = box.height - box.bottom;

  it('draws one bar per interval, scaled to the contacts axis', () => {
    expect(chart.bars).toHaveLength(3);
    expect(chart.contactsScale.max).toBe(20);
    // The tallest bar reaches the top of the plot, an empty interval has no height.
    expect(chart.bars[1].y).toBe(box.top);
    expect(chart.bars[1].height).toBe(bottom - box.top);
    expect(chart.bars[0].height).toBeCloseTo((bottom - box.top) / 2, 0);
    expect(chart.bars[2].height).toBe(0);
    // Bars stay inside the plot and do not overlap.
    for (let i = 0; i < chart.bars.length; i++) {
      const b = chart.bars[i];
      expect(b.x).toBeGreaterThanOrEqual(box.left);
      expect(b.x + b.width).toBeLessThanOrEqual(box.width - box.right + 0.1);
      if (i > 0) expect(b.x).toBeGreaterThanOrEqual(chart.bars[i - 1].x + chart.bars[i - 1].width);
    }
  });

  it('draws the agents as a step line on its own integer axis', () => {
    expect(chart.agentsScale.max).toBeGreaterThanOrEqual(5);
    expect(Number.isInteger(chart.agentsScale.step)).toBe(true);
    expect(chart.agentsPath.startsWith(`M${box.left} `)).toBe(true);
    // Two points (start and end) per interval.
    expect(chart.agentsPath.match(/[ML]/g)).toHaveLength(6);
    expect(chart.agentsPath.endsWith(` ${bottom}`)).toBe(true);
  });

  it('thins out the x labels for long plans', () => {
    const many: PlanRow[] = Array.from({ length: 96 }, (_, i) => ({
      start: new Date(Date.UTC(2026, 10, 24, 0, 15 * i)).toISOString(),
      contacts: i,
      agentsRequired: 1,
      scheduledAgents: 1,
      serviceLevel: 0.8,
    }));
    const c = planChart(many, DEFAULT_BOX, 12);
    expect(c.xLabels.length).toBeLessThanOrEqual(12);
    expect(c.xLabels[0].index).toBe(0);
    expect(planChart([]).bars).toEqual([]);
    expect(planChart([]).agentsPath).toBe('');
  });

  it('puts ticks from the bottom (0) to the top (max)', () => {
    expect(chart.leftTicks[0]).toEqual({ value: 0, y: bottom });
    expect(chart.leftTicks[chart.leftTicks.length - 1].y).toBe(box.top);
  });
});

describe('local dates for the forms', () => {
  it('round-trips datetime-local and date values in the browser zone', () => {
    const d = new Date(2026, 0, 5, 7, 30);
    expect(toLocalInput(d)).toBe('2026-01-05T07:30');
    expect(toLocalDate(d)).toBe('2026-01-05');
    expect(fromLocalInput('2026-01-05T07:30')?.getTime()).toBe(d.getTime());
    expect(fromLocalInput('2026-01-05')?.getTime()).toBe(new Date(2026, 0, 5).getTime());
    expect(fromLocalInput('nonsense')).toBeNull();
  });

  it('knows tomorrow and last month, also across a year end', () => {
    expect(startOfTomorrow(new Date(2026, 11, 31, 15)).getTime()).toBe(new Date(2027, 0, 1).getTime());
    const m = lastMonth(new Date(2026, 0, 15));
    expect(m.from.getTime()).toBe(new Date(2025, 11, 1).getTime());
    expect(m.to.getTime()).toBe(new Date(2026, 0, 1).getTime());
  });
});

describe('planRequest', () => {
  const form = { ...defaultPlanForm(new Date(2026, 10, 23, 12)), channels: ['phone', 'chat'] as const };

  it('builds the API body from the form', () => {
    const body = planRequest({ ...form, channels: ['phone', 'chat'] }, null);
    expect(body).toEqual({
      interval_minutes: 30,
      history_weeks: 8,
      horizon_start: new Date(2026, 10, 24).toISOString(),
      horizon_intervals: 48,
      channels: [
        { channel: 'phone', service_level: 0.8, target_seconds: 20, aht_seconds: 300 },
        { channel: 'chat', service_level: 0.8, target_seconds: 20, aht_seconds: 300 },
      ],
    });
    expect(planRequest({ ...form, channels: ['phone'] }, 7)).toMatchObject({ tenant_id: 7 });
  });

  it('refuses an empty channel list or bad numbers', () => {
    expect(planRequest({ ...form, channels: [] }, null)).toBe('staffing.noChannel');
    expect(planRequest({ ...form, channels: ['phone'], aht: 'x' }, null)).toBe('error.invalid');
    expect(planRequest({ ...form, channels: ['phone'], start: '' }, null)).toBe('error.invalid');
  });
});
