import { describe, expect, it } from 'vitest';
import type { ClockCycle, Ticket } from '../src/lib/types';
import { compareUrgency, sortByUrgency, summarizeClocks, summarizeListed, summarizeSla } from '../src/lib/urgency';

const NOW = Date.parse('2026-11-23T12:00:00Z');

function ticket(id: number, extra: Partial<Ticket> = {}): Ticket {
  return {
    id,
    subject: `T${id}`,
    status: 'open',
    priority: 'normal',
    channel: 'email',
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-20T10:00:00Z',
    ...extra,
  };
}

function clock(extra: Partial<ClockCycle>): ClockCycle {
  return {
    target: 'first_response',
    cycle: 1,
    state: 'running',
    started_at: '2026-11-23T10:00:00Z',
    due_at: null,
    at_risk_at: null,
    met_at: null,
    business_seconds_used: 0,
    business_seconds_remaining: 0,
    ...extra,
  };
}

describe('urgency ordering', () => {
  it('puts the earliest due first, overdue before due later', () => {
    const list = [
      ticket(1, { due_at: '2026-11-23T15:00:00Z' }),
      ticket(2, { due_at: '2026-11-23T09:00:00Z' }), // overdue
      ticket(3, { due_at: '2026-11-23T12:30:00Z' }),
    ];
    expect(sortByUrgency(list).map((t) => t.id)).toEqual([2, 3, 1]);
  });

  it('puts tickets without a due time after those with one', () => {
    const list = [ticket(1), ticket(2, { due_at: '2026-12-01T00:00:00Z' })];
    expect(sortByUrgency(list).map((t) => t.id)).toEqual([2, 1]);
  });

  it('keeps the server order when the list has no due times', () => {
    const list = [ticket(7, { priority: 'low' }), ticket(3, { priority: 'urgent' }), ticket(5)];
    const ranks = new Map([
      [7, 0],
      [3, 1],
      [5, 2],
    ]);
    expect(sortByUrgency(list, ranks).map((t) => t.id)).toEqual([7, 3, 5]);
  });

  it('falls back to priority, then age (oldest first), then id', () => {
    const list = [
      ticket(1, { priority: 'normal', created_at: '2026-11-01T00:00:00Z' }),
      ticket(2, { priority: 'urgent', created_at: '2026-11-20T00:00:00Z' }),
      ticket(3, { priority: 'normal', created_at: '2026-10-01T00:00:00Z' }),
      ticket(4, { priority: 'high', created_at: '2026-11-22T00:00:00Z' }),
      ticket(5, { priority: 'normal', created_at: '2026-10-01T00:00:00Z' }),
    ];
    expect(sortByUrgency(list).map((t) => t.id)).toEqual([2, 4, 3, 5, 1]);
  });

  it('is a consistent comparator (antisymmetric)', () => {
    const a = { dueMs: 5, priority: 'low' as const, createdMs: 1, id: 1 };
    const b = { priority: 'urgent' as const, createdMs: 0, id: 2 };
    expect(Math.sign(compareUrgency(a, b))).toBe(-Math.sign(compareUrgency(b, a)));
    expect(compareUrgency(a, a)).toBe(0);
  });
});

describe('SLA summary', () => {
  it('reports breached for a running clock past its due time', () => {
    const s = summarizeClocks([clock({ due_at: '2026-11-23T11:00:00Z', at_risk_at: '2026-11-23T10:30:00Z' })], NOW);
    expect(s.state).toBe('breached');
    expect(s.dueMs).toBe(Date.parse('2026-11-23T11:00:00Z'));
  });

  it('reports at risk after the at-risk time, before due', () => {
    const s = summarizeClocks([clock({ due_at: '2026-11-23T13:00:00Z', at_risk_at: '2026-11-23T11:45:00Z' })], NOW);
    expect(s.state).toBe('at_risk');
  });

  it('reports on track before the at-risk time', () => {
    const s = summarizeClocks([clock({ due_at: '2026-11-23T18:00:00Z', at_risk_at: '2026-11-23T16:00:00Z' })], NOW);
    expect(s).toMatchObject({ state: 'ok', target: 'first_response' });
  });

  it('takes the worst clock, and within a state the earliest due', () => {
    const s = summarizeClocks(
      [
        clock({ target: 'resolution', due_at: '2026-11-24T12:00:00Z', at_risk_at: '2026-11-24T06:00:00Z' }),
        clock({ target: 'next_response', due_at: '2026-11-23T12:10:00Z', at_risk_at: '2026-11-23T11:50:00Z' }),
        clock({ target: 'first_response', state: 'met', met_at: '2026-11-23T10:05:00Z' }),
      ],
      NOW,
    );
    expect(s).toMatchObject({ state: 'at_risk', target: 'next_response' });
  });

  it('knows a clock the server marked breached, and paused clocks', () => {
    expect(summarizeClocks([clock({ state: 'breached', due_at: '2026-11-24T00:00:00Z' })], NOW).state).toBe('breached');
    expect(summarizeClocks([clock({ state: 'paused', due_at: null })], NOW).state).toBe('paused');
    expect(summarizeClocks([], NOW).state).toBe('none');
  });

  it('reports none when no policy applies', () => {
    expect(summarizeSla({ ticket_id: 1, policy: null, clocks: [], next_deadline: null }, NOW)).toEqual({ state: 'none' });
    expect(summarizeSla(undefined, NOW)).toBeUndefined();
  });
});

describe('queue row summary', () => {
  it('uses the sla object of a queue row', () => {
    expect(summarizeListed(ticket(1, { sla: { due_at: '2026-11-23T13:00:00Z', at_risk: true, breached: false } }), NOW)).toEqual({
      state: 'at_risk',
      dueMs: Date.parse('2026-11-23T13:00:00Z'),
    });
    expect(summarizeListed(ticket(2, { sla: { due_at: '2026-11-23T18:00:00Z', at_risk: false, breached: false } }), NOW)?.state).toBe('ok');
    expect(summarizeListed(ticket(3, { sla: { due_at: '2026-11-24T18:00:00Z', at_risk: false, breached: true } }), NOW)?.state).toBe('breached');
  });
  it('counts a due time in the past as breached even before the server says so', () => {
    expect(summarizeListed(ticket(4, { sla: { due_at: '2026-11-23T11:59:00Z', at_risk: true, breached: false } }), NOW)?.state).toBe('breached');
  });
  it('has nothing to say without a due time', () => {
    expect(summarizeListed(ticket(5, { sla: null }), NOW)).toBeUndefined();
    expect(summarizeListed(ticket(6), NOW)).toBeUndefined();
  });
  it('orders queue rows by their sla due time', () => {
    const list = [
      ticket(1, { sla: { due_at: '2026-11-23T15:00:00Z' } }),
      ticket(2, { sla: null }),
      ticket(3, { sla: { due_at: '2026-11-22T15:00:00Z', breached: true } }),
    ];
    expect(sortByUrgency(list).map((t) => t.id)).toEqual([3, 1, 2]);
  });
});
