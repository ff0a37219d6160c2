import { describe, expect, it } from 'vitest';
import { byDue, defaultDue, dueInstant, isOverdue, localInputValue } from '../src/lib/commitments';

describe('commitments', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');

  it('marks only open commitments past their due time as overdue', () => {
    expect(isOverdue({ state: 'open', due_at: '2026-12-07T11:59:00Z' }, now)).toBe(true);
    expect(isOverdue({ state: 'open', due_at: '2026-12-07T12:01:00Z' }, now)).toBe(false);
    expect(isOverdue({ state: 'kept', due_at: '2026-12-07T11:00:00Z' }, now)).toBe(false);
    expect(isOverdue({ state: 'broken', due_at: '2026-12-07T11:00:00Z' }, now)).toBe(false);
  });

  it('orders by due time, then id, without changing the input', () => {
    const list = [
      { id: 3, due_at: '2026-12-08T09:00:00Z' },
      { id: 2, due_at: '2026-12-07T09:00:00+01:00' },
      { id: 1, due_at: '2026-12-07T08:00:00Z' },
    ];
    expect(byDue(list).map((c) => c.id)).toEqual([1, 2, 3]);
    expect(list[0].id).toBe(3);
  });

  it('reads a typed due time in the viewer zone and round-trips it', () => {
    const instant = dueInstant('2026-12-08T14:30');
    expect(instant).toMatch(/^2026-12-0\dT\d\d:30:00Z$/);
    expect(localInputValue(Date.parse(instant as string))).toBe('2026-12-08T14:30');
    expect(dueInstant('')).toBeNull();
    expect(dueInstant('tomorrow')).toBeNull();
  });

  it('proposes a due time on a full hour more than an hour ahead', () => {
    const due = defaultDue(now);
    expect(due).toMatch(/T\d\d:00$/);
    const at = Date.parse(dueInstant(due) as string);
    expect(at - now).toBeGreaterThan(60 * 60 * 1000);
    expect(at - now).toBeLessThanOrEqual(2 * 60 * 60 * 1000);
  });
});
