import { describe, expect, it } from 'vitest';
import { editsOf, isEmptyPatch, patchOf } from '../src/lib/edits';
import type { Ticket } from '../src/lib/types';

const ticket: Ticket = {
  id: 1,
  subject: 'Modem',
  status: 'open',
  priority: 'high',
  channel: 'email',
  assignee_id: null,
  created_at: '2026-12-01T09:00:00Z',
  updated_at: '2026-12-01T09:00:00Z',
};

describe('explicit ticket edits', () => {
  it('sends nothing while nothing changed', () => {
    expect(isEmptyPatch(patchOf(ticket, editsOf(ticket)))).toBe(true);
  });

  it('sends only the fields the agent changed', () => {
    expect(patchOf(ticket, { ...editsOf(ticket), priority: 'urgent' })).toEqual({ priority: 'urgent' });
    expect(patchOf(ticket, { status: 'solved', priority: 'high', assignee_id: 4 })).toEqual({ status: 'solved', assignee_id: 4 });
  });

  it('treats a missing assignee as unassigned and can unassign', () => {
    const { assignee_id: _dropped, ...bare } = ticket;
    expect(isEmptyPatch(patchOf(bare as Ticket, { status: 'open', priority: 'high', assignee_id: null }))).toBe(true);
    expect(patchOf({ ...ticket, assignee_id: 3 }, { ...editsOf(ticket), assignee_id: null })).toEqual({ assignee_id: null });
  });
});
