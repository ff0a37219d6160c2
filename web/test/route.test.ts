import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, viewFilters, QUEUE_VIEWS } from '../src/lib/route';

describe('console routes', () => {
  it('reads tickets, queue views and pages from the hash', () => {
    expect(parseRoute('#tickets/42')).toEqual({ page: 'queue', ticket: 42 });
    expect(parseRoute('#views/breached')).toEqual({ page: 'queue', view: 'breached' });
    expect(parseRoute('#staffing')).toEqual({ page: 'staffing' });
    expect(parseRoute('#reports')).toEqual({ page: 'reports' });
    expect(parseRoute('#commitments')).toEqual({ page: 'commitments' });
    expect(parseRoute('#macros')).toEqual({ page: 'macros' });
    expect(routeHash({ page: 'macros' })).toBe('#macros');
  });

  it('treats unknown or malformed hashes as the queue', () => {
    for (const hash of ['', '#', '#main', '#views/everything', '#tickets/abc', '#tickets/', '#tickets/1/2', '#tickets/1234567890123456']) {
      expect(parseRoute(hash)).toEqual({ page: 'queue' });
    }
  });

  it('writes the hash it reads back', () => {
    for (const view of QUEUE_VIEWS) expect(parseRoute(routeHash({ page: 'queue', view }))).toEqual({ page: 'queue', view });
    expect(routeHash({ page: 'queue', ticket: 7, view: 'mine' })).toBe('#tickets/7');
    expect(routeHash({ page: 'reports' })).toBe('#reports');
    expect(routeHash({ page: 'queue' })).toBe('#views/open');
  });

  it('maps each default view to the filters the server counts', () => {
    expect(viewFilters('mine')).toEqual({ status: 'open-work', assignee: 'me', sla: '' });
    expect(viewFilters('unassigned')).toEqual({ status: 'open-work', assignee: 'none', sla: '' });
    expect(viewFilters('at_risk').sla).toBe('at_risk');
    expect(viewFilters('breached').sla).toBe('breached');
    expect(viewFilters('open')).toEqual({ status: 'open-work', assignee: '', sla: '' });
  });
});
