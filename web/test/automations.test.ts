import { describe, expect, it } from 'vitest';
import { emptyRuleForm, parseRun, ruleDocument, toggledDocument, type AutomationRule } from '../src/lib/automations';

describe('ruleDocument', () => {
  it('builds the API document from condition and action rows', () => {
    const form = {
      ...emptyRuleForm(),
      name: ' Phone urgent ',
      conditions: [
        { field: 'channel' as const, negate: false, value: 'phone' },
        { field: 'tags' as const, negate: true, value: 'VIP' },
        { field: 'assignee_id' as const, negate: false, value: '' },
      ],
      actions: [
        { type: 'set_priority' as const, value: 'urgent', to: 'assignee' as const },
        { type: 'add_tags' as const, value: 'callback, Phone', to: 'assignee' as const },
        { type: 'notify' as const, value: 'Call back', to: 'team_lead' as const },
        { type: 'webhook' as const, value: '', to: 'assignee' as const },
      ],
    };
    const built = ruleDocument(form);
    expect('document' in built && built.document).toEqual({
      name: 'Phone urgent',
      event: 'on_create',
      active: true,
      position: 0,
      conditions: {
        all: [
          { field: 'channel', op: 'is', value: 'phone' },
          { field: 'tags', op: 'has_not', value: 'VIP' },
          { field: 'assignee_id', op: 'is', value: null },
        ],
        any: [],
      },
      actions: [
        { type: 'set_priority', value: 'urgent' },
        { type: 'add_tags', value: ['callback', 'phone'] },
        { type: 'notify', to: 'team_lead', value: 'Call back' },
        { type: 'webhook' },
      ],
    });
  });

  it('adds the hours condition of an on_time rule and refuses bad input', () => {
    const timed = ruleDocument({ ...emptyRuleForm(), name: 'Remind', event: 'on_time', hours: '40' });
    expect('document' in timed && (timed.document.conditions as { all: unknown[] }).all).toEqual([
      { field: 'hours_in_status', op: 'gte', value: 40, business_hours: true },
    ]);
    expect(ruleDocument({ ...emptyRuleForm(), name: 'Remind', event: 'on_time', hours: '' })).toEqual({ problem: 'hours' });
    expect(ruleDocument({ ...emptyRuleForm(), name: '  ' })).toEqual({ problem: 'name' });
    expect(ruleDocument({ ...emptyRuleForm(), name: 'x', actions: [] })).toEqual({ problem: 'actions' });
    expect(ruleDocument({ ...emptyRuleForm(), name: 'x', conditions: [{ field: 'customer_id', negate: false, value: 'abc' }] })).toEqual({ problem: 'value' });
  });
});

describe('toggledDocument and parseRun', () => {
  it('switches active and reads a history event', () => {
    const rule = { id: 1, name: 'r', event: 'on_update', active: true, position: 2, conditions: { all: [], any: [] }, actions: [{ type: 'webhook' }], created_at: '', updated_at: '' } as AutomationRule;
    expect(toggledDocument(rule)).toEqual({ name: 'r', event: 'on_update', active: false, position: 2, conditions: { all: [], any: [] }, actions: [{ type: 'webhook' }] });
    expect(parseRun('{"rule_id":1,"name":"r","event":"on_update","changes":{},"effects":[]}')?.name).toBe('r');
    expect(parseRun('not json')).toBeNull();
  });
});
