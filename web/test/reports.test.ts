import { describe, expect, it } from 'vitest';
import { figureOfItem, headline, itemsForFigure, kpiRows, kpiTotals, loadRows, outcomeCounts, slaTotals } from '../src/lib/reports';
import type { CharterItem, KpiFigures, KpiReport } from '../src/lib/types';
import { formatPercent, formatSeconds } from '../src/lib/time';

function figures(over: Partial<KpiFigures>): KpiFigures {
  return {
    contacts_received: 0,
    contacts_handled: 0,
    first_response_time: null,
    resolution_time: null,
    resolution_rate: { value: null, resolved: 0, received: 0 },
    sla: {},
    csat: { mean: null, responses: 0 },
    ...over,
  };
}

const report: KpiReport = {
  dimension: 'channel',
  period: 'month',
  from: '2026-10-01T00:00:00+02:00',
  to: '2026-11-01T00:00:00+01:00',
  time_zone: 'Europe/Amsterdam',
  excluded: { spam: 2, mystery_shopper: 1 },
  definitions: { contacts_received: 'contacts_received: tickets created in the period' },
  groups: [
    {
      key: 'email',
      period: { label: '2026-10', start: '', end: '' },
      figures: figures({
        contacts_received: 100,
        contacts_handled: 90,
        first_response_time: { count: 90, mean: 4000, median: 3600, p90: 7200 },
        resolution_rate: { value: 0.8, resolved: 80, received: 100 },
        sla: {
          first_response: { cycles_finished: 90, cycles_met: 81, compliance: 0.9, breaches: { minor: 7, major: 2 } },
          resolution: { cycles_finished: 10, cycles_met: 9, compliance: 0.9, breaches: { minor: 1, major: 0 } },
        },
        csat: { mean: 8, responses: 10 },
      }),
    },
    {
      key: 'phone',
      period: { label: '2026-10', start: '', end: '' },
      figures: figures({
        contacts_received: 50,
        contacts_handled: 50,
        resolution_rate: { value: 0.4, resolved: 20, received: 50 },
        sla: { first_response: { cycles_finished: 0, cycles_met: 0, compliance: null, breaches: { minor: 0, major: 0 } } },
        csat: { mean: 6, responses: 30 },
      }),
    },
  ],
};

describe('KPI shaping', () => {
  it('sums SLA cycles and breaches over the targets', () => {
    expect(slaTotals(report.groups[0].figures)).toEqual({ finished: 100, met: 90, compliance: 0.9, minor: 8, major: 2 });
    expect(slaTotals(report.groups[1].figures).compliance).toBeNull();
  });

  it('makes one row per group', () => {
    const rows = kpiRows(report);
    expect(rows.map((r) => r.key)).toEqual(['email', 'phone']);
    expect(rows[0]).toMatchObject({ received: 100, firstResponseMedian: 3600, firstResponseP90: 7200, resolutionRate: 0.8, slaCompliance: 0.9, breachesMinor: 8, breachesMajor: 2, csat: 8 });
    expect(rows[1]).toMatchObject({ firstResponseMedian: null, slaCompliance: null, csat: 6 });
  });

  it('totals counts and ratios of counts, weighting CSAT by responses', () => {
    const totals = kpiTotals(report);
    expect(totals.received).toBe(150);
    expect(totals.handled).toBe(140);
    expect(totals.resolutionRate).toBeCloseTo(100 / 150, 10);
    expect(totals.slaCompliance).toBeCloseTo(0.9, 10);
    expect(totals.breachesMinor).toBe(8);
    expect(totals.csat).toBeCloseTo((8 * 10 + 6 * 30) / 40, 10);
    expect(kpiTotals({ ...report, groups: [] })).toMatchObject({ received: 0, resolutionRate: null, slaCompliance: null, csat: null });
  });

  it('takes the headline from the whole-window report when there is one', () => {
    const whole: KpiReport = { ...report, dimension: 'all', groups: [{ ...report.groups[0], key: 'all' }] };
    expect(headline(report, whole)).toMatchObject({ received: 100, firstResponseMedian: 3600, firstResponseP90: 7200 });
    // Without it, medians of several groups are unknown; counts still add up.
    expect(headline(report, null)).toMatchObject({ received: 150, firstResponseMedian: null, firstResponseP90: null });
  });
});

describe('charter items', () => {
  const item = (over: Partial<CharterItem>): CharterItem => ({
    id: 'x',
    kind: 'threshold',
    channel: null,
    kpi: 'resolution_rate',
    comparator: 'at_least',
    target: 0.85,
    unit: 'fraction',
    measured: 0.9,
    outcome: 'kept',
    ...over,
  });

  it('matches items to the figure they measure', () => {
    expect(figureOfItem(item({ kind: 'first_response', kpi: 'first_response_business_time.p90' }))).toBe('first_response_time');
    expect(figureOfItem(item({ kind: 'resolution' }))).toBe('resolution_time');
    expect(figureOfItem(item({ kpi: 'csat' }))).toBe('csat');
    expect(figureOfItem(item({ kpi: 'sla.first_response.compliance' }))).toBe('sla');
    const items = [item({ id: 'a' }), item({ id: 'b', kpi: 'csat' }), item({ id: 'c', kind: 'first_response', kpi: 'first_response_time.p90' })];
    expect(itemsForFigure(items, 'resolution_rate').map((i) => i.id)).toEqual(['a']);
    expect(itemsForFigure(items, 'first_response_time').map((i) => i.id)).toEqual(['c']);
  });

  it('counts outcomes', () => {
    expect(outcomeCounts([item({}), item({ outcome: 'missed' }), item({ outcome: 'no_data' }), item({ outcome: 'kept' })])).toEqual({ kept: 2, missed: 1, noData: 1 });
  });
});

describe('agent load rows', () => {
  it('names agents and puts the busiest first', () => {
    const base = { days_worked: 1, work_hours: 1, overtime_hours: 0, days_without_break: 0, out_of_hours_actions: 0, tickets_handled: 1, abusive_share: 0 };
    const rows = loadRows(
      [
        { ...base, agent_id: 1, mean_occupancy: 0.5 },
        { ...base, agent_id: 2, mean_occupancy: 0.9 },
        { ...base, agent_id: 3, mean_occupancy: 0.5 },
      ],
      new Map([
        [1, 'Bram'],
        [2, 'Anna'],
      ]),
    );
    expect(rows.map((r) => r.name)).toEqual(['Anna', '#3', 'Bram']);
  });
});

describe('number formats', () => {
  it('formats shares and durations in the language', () => {
    expect(formatPercent(0.853, 'en')).toBe('85.3%');
    expect(formatPercent(0.853, 'nl')).toMatch(/85,3\s?%/);
    expect(formatPercent(null, 'en')).toBe('');
    expect(formatSeconds(42, 'en')).toBe('42 s');
    expect(formatSeconds(42, 'zh')).toBe('42秒');
    expect(formatSeconds(3 * 3600 + 5 * 60, 'en')).toBe('3h 05m');
    expect(formatSeconds(null, 'en')).toBe('');
  });
});
