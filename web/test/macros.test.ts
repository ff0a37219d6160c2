import { describe, expect, it } from 'vitest';
import {
  bulkChanges,
  creatableScopes,
  describePatch,
  EMPTY_BULK_FORM,
  emptyMacroForm,
  filterMacros,
  formOfMacro,
  macroDocument,
  MAX_BULK_TICKETS,
  mayChangeMacro,
  summarizeBulk,
  toggleAllShown,
  toggleSelection,
  unknownPlaceholders,
  type Macro,
} from '../src/lib/macros';

const macro = (id: number, name: string, extra: Partial<Macro> = {}): Macro => ({
  id,
  scope: 'tenant',
  team_id: null,
  owner_id: null,
  name,
  texts: { en: `Text of ${name}` },
  changes: {},
  created_at: '2026-12-01T09:00:00Z',
  updated_at: '2026-12-01T09:00:00Z',
  ...extra,
});

describe('macro search', () => {
  const list = [macro(1, 'Reset modem'), macro(2, 'Billing refund', { texts: { en: 'We refund your modem fee' } }), macro(3, 'Apology')];

  it('lists every macro by name for an empty search', () => {
    expect(filterMacros(list, '').map((m) => m.id)).toEqual([3, 2, 1]);
  });

  it('needs every word, and puts name matches before text matches', () => {
    expect(filterMacros(list, 'modem').map((m) => m.id)).toEqual([1, 2]);
    expect(filterMacros(list, 'MODEM reset').map((m) => m.id)).toEqual([1]);
    expect(filterMacros(list, 'nothing like it')).toEqual([]);
  });
});

describe('a preview patch said as lines', () => {
  it('names each changed field and the tags added and removed', () => {
    const lines = describePatch({ tags: ['vip', 'modem'] }, { status: 'pending', assignee_id: null, tags: ['vip', 'waiting'] });
    expect(lines).toEqual([
      { field: 'status', value: 'pending' },
      { field: 'assignee_id', value: null },
      { field: 'tags', added: ['waiting'], removed: ['modem'] },
    ]);
  });

  it('is empty for an empty patch', () => {
    expect(describePatch({}, {})).toEqual([]);
  });
});

describe('the macro form', () => {
  it('builds the API document from the filled-in variants and changes', () => {
    const form = { ...emptyMacroForm('tenant'), name: '  Reset  ', texts: { nl: 'Hoi {{customer.name}}', en: '', zh: '' }, status: 'pending', tags_add: 'Modem, vip,modem' };
    expect(macroDocument(form)).toEqual({
      document: { name: 'Reset', scope: 'tenant', team_id: null, texts: { nl: 'Hoi {{customer.name}}' }, changes: { status: 'pending', tags_add: ['modem', 'vip'] } },
    });
  });

  it('refuses a missing name, no text, an unknown placeholder and a team macro without team', () => {
    const base = { ...emptyMacroForm('tenant'), name: 'X', texts: { nl: '', en: 'Hi', zh: '' } };
    expect(macroDocument({ ...base, name: ' ' })).toEqual({ problem: { field: 'name', problem: 'required' } });
    expect(macroDocument({ ...base, texts: { nl: '', en: ' ', zh: '' } })).toEqual({ problem: { field: 'texts', problem: 'required' } });
    expect(macroDocument({ ...base, texts: { nl: '', en: 'Hi {{ customer.phone }}', zh: '' } })).toEqual({
      problem: { field: 'texts.en', problem: 'placeholder', placeholder: 'customer.phone' },
    });
    expect(macroDocument({ ...base, scope: 'team' })).toEqual({ problem: { field: 'team_id', problem: 'required' } });
    expect(macroDocument({ ...base, name: 'x'.repeat(121) })).toEqual({ problem: { field: 'name', problem: 'tooLong' } });
  });

  it('reads a macro back into the form it came from', () => {
    const m = macro(4, 'Team one', { scope: 'team', team_id: 7, texts: { zh: '你好' }, changes: { priority: 'high', tags_remove: ['a', 'b'] } });
    const form = formOfMacro(m);
    expect(form).toMatchObject({ scope: 'team', team_id: '7', priority: 'high', tags_remove: 'a, b', texts: { nl: '', en: '', zh: '你好' } });
    expect(macroDocument(form)).toMatchObject({ document: { team_id: 7, changes: { priority: 'high', tags_remove: ['a', 'b'] } } });
  });

  it('accepts the known placeholders with or without spaces', () => {
    expect(unknownPlaceholders('{{ticket.reference}} {{ sla.due_at }} {{agent.name}}')).toEqual([]);
    expect(unknownPlaceholders('{{x}} {{x}} {{y}}')).toEqual(['x', 'y']);
  });
});

describe('who changes which macro', () => {
  const agent = { id: 5, role: 'agent', team_id: 2 };
  const lead = { id: 6, role: 'supervisor', team_id: null };
  it('follows the service: owner, team, supervisors', () => {
    expect(mayChangeMacro(agent, { scope: 'personal', team_id: null, owner_id: 5 })).toBe(true);
    expect(mayChangeMacro(lead, { scope: 'personal', team_id: null, owner_id: 5 })).toBe(false);
    expect(mayChangeMacro(agent, { scope: 'team', team_id: 2, owner_id: null })).toBe(true);
    expect(mayChangeMacro(agent, { scope: 'team', team_id: 3, owner_id: null })).toBe(false);
    expect(mayChangeMacro(agent, { scope: 'tenant', team_id: null, owner_id: null })).toBe(false);
    expect(mayChangeMacro(lead, { scope: 'tenant', team_id: null, owner_id: null })).toBe(true);
  });
  it('offers only the scopes one may create', () => {
    expect(creatableScopes(agent)).toEqual(['team', 'personal']);
    expect(creatableScopes({ role: 'agent', team_id: null })).toEqual(['personal']);
    expect(creatableScopes(lead)).toEqual(['tenant', 'team', 'personal']);
    expect(creatableScopes({ role: 'qa_reviewer', team_id: 1 })).toEqual([]);
  });
});

describe('bulk actions', () => {
  it('sends only what was chosen, over the macro changes, never a category', () => {
    expect(bulkChanges(EMPTY_BULK_FORM, undefined)).toEqual({});
    expect(bulkChanges({ ...EMPTY_BULK_FORM, assignee: 'none', tagsAdd: 'a, B' }, undefined)).toEqual({ assignee_id: null, tags_add: ['a', 'b'] });
    expect(bulkChanges({ ...EMPTY_BULK_FORM, status: 'solved' }, { changes: { status: 'pending', priority: 'low', category: 'billing' } })).toEqual({
      status: 'solved',
      priority: 'low',
    });
    expect(bulkChanges({ ...EMPTY_BULK_FORM, assignee: '12' }, undefined)).toEqual({ assignee_id: 12 });
  });

  it('splits outcomes into done tickets and failures with their reason', () => {
    const ticket = { id: 1, subject: 's', status: 'open', priority: 'low', channel: 'email', created_at: '', updated_at: '' } as const;
    const summary = summarizeBulk([
      { ticket_id: 1, ok: true, ticket },
      { ticket_id: 2, ok: false, problem: { title: 'Not found', detail: 'no such ticket' } },
      { ticket_id: 3, ok: false, problem: { title: 'Forbidden' } },
    ]);
    expect(summary.done.map((x) => x.id)).toEqual([1]);
    expect(summary.failed).toEqual([
      { ticket_id: 2, reason: 'no such ticket' },
      { ticket_id: 3, reason: 'Forbidden' },
    ]);
  });

  it('toggles one ticket and never checks more than the bulk limit', () => {
    const one = toggleSelection(new Set(), 4);
    expect([...one]).toEqual([4]);
    expect(toggleSelection(one, 4).size).toBe(0);
    const full = new Set(Array.from({ length: MAX_BULK_TICKETS }, (_, i) => i + 1));
    expect(toggleSelection(full, 999).has(999)).toBe(false);
  });

  it('checks the first shown tickets up to the limit, and clears when they are all checked', () => {
    const shown = Array.from({ length: 150 }, (_, i) => i + 1);
    const all = toggleAllShown(new Set([200]), shown);
    expect(all.size).toBe(MAX_BULK_TICKETS);
    expect(all.has(1) && all.has(100) && !all.has(101) && !all.has(200)).toBe(true);
    expect(toggleAllShown(all, shown).size).toBe(0);
    expect(toggleAllShown(new Set(), []).size).toBe(0);
  });
});
