// Automation rules (issue 17) as the console edits them: a form of condition and action rows,
// and the rule document the API takes (src/automation/README.md). Pure: no DOM, no fetch.
import type { Agent } from './types';

export type AutomationEvent = 'on_create' | 'on_update' | 'on_time';
export const AUTOMATION_EVENTS: AutomationEvent[] = ['on_create', 'on_update', 'on_time'];

export const CONDITION_FIELDS = ['channel', 'status', 'priority', 'category', 'tags', 'language', 'customer_id', 'team_id', 'assignee_id', 'sla_state'] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];
export const ACTION_TYPES = ['set_status', 'set_priority', 'set_category', 'set_team', 'set_assignee', 'add_tags', 'remove_tags', 'apply_macro', 'add_note', 'notify', 'webhook'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];
export const SLA_STATES = ['on_schedule', 'at_risk', 'breached'] as const;
export const MAX_CONDITIONS = 20;
export const MAX_ACTIONS = 10;
export const MAX_RULE_NAME = 120;

export interface RuleCondition {
  field: string;
  op: string;
  value: unknown;
  business_hours?: boolean;
}
export interface RuleAction {
  type: string;
  value?: unknown;
  to?: string;
  agent_id?: number;
}
export interface AutomationRule {
  id: number;
  name: string;
  event: AutomationEvent;
  active: boolean;
  position: number;
  conditions: { all: RuleCondition[]; any: RuleCondition[] };
  actions: RuleAction[];
  created_at: string;
  updated_at: string;
}

export interface ConditionRow {
  field: ConditionField;
  negate: boolean; // is_not / has_not
  value: string;
}
export interface ActionRow {
  type: ActionType;
  value: string;
  to: 'assignee' | 'team_lead';
}
export interface RuleForm {
  name: string;
  event: AutomationEvent;
  match: 'all' | 'any';
  conditions: ConditionRow[];
  hours: string; // on_time: hours in the current status
  business_hours: boolean;
  actions: ActionRow[];
}

export function emptyRuleForm(): RuleForm {
  return { name: '', event: 'on_create', match: 'all', conditions: [], hours: '', business_hours: true, actions: [{ type: 'set_priority', value: 'high', to: 'assignee' }] };
}

/** Admins and supervisors manage rules; everyone of the tenant may read them. */
export function mayManageRules(agent: Agent): boolean {
  return agent.role === 'admin' || agent.role === 'supervisor';
}

const NUMERIC_FIELDS: readonly string[] = ['customer_id', 'team_id', 'assignee_id'];
const NUMERIC_ACTIONS: readonly string[] = ['set_team', 'set_assignee', 'apply_macro'];

function tagList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((x) => x.trim().toLowerCase())
    .filter((x) => x !== '');
}

export type RuleProblem = 'name' | 'actions' | 'hours' | 'value';

/** The API document of a form, or the first problem found. */
export function ruleDocument(form: RuleForm, active = true, position = 0): { document: Record<string, unknown> } | { problem: RuleProblem } {
  const name = form.name.trim();
  if (!name || name.length > MAX_RULE_NAME) return { problem: 'name' };
  if (form.actions.length === 0 || form.actions.length > MAX_ACTIONS) return { problem: 'actions' };
  const conditions: Record<string, unknown>[] = [];
  for (const row of form.conditions) {
    const text = row.value.trim();
    let value: unknown = text;
    if (NUMERIC_FIELDS.includes(row.field)) {
      if (text === '') value = null;
      else if (!/^\d{1,15}$/.test(text)) return { problem: 'value' };
      else value = Number(text);
    }
    if (row.field === 'tags' && text === '') return { problem: 'value' };
    const op = row.field === 'tags' ? (row.negate ? 'has_not' : 'has') : row.negate ? 'is_not' : 'is';
    conditions.push({ field: row.field, op, value });
  }
  const all = form.match === 'all' ? conditions : [];
  const any = form.match === 'any' ? conditions : [];
  if (form.event === 'on_time') {
    const hours = Number(form.hours);
    if (!form.hours.trim() || !Number.isFinite(hours) || hours <= 0 || hours > 8784) return { problem: 'hours' };
    all.push({ field: 'hours_in_status', op: 'gte', value: hours, business_hours: form.business_hours });
  }
  const actions: Record<string, unknown>[] = [];
  for (const row of form.actions) {
    const text = row.value.trim();
    if (row.type === 'webhook') {
      actions.push({ type: 'webhook' });
    } else if (row.type === 'add_tags' || row.type === 'remove_tags') {
      const tags = tagList(text);
      if (tags.length === 0) return { problem: 'value' };
      actions.push({ type: row.type, value: tags });
    } else if (NUMERIC_ACTIONS.includes(row.type)) {
      if (text === '' && row.type !== 'apply_macro') actions.push({ type: row.type, value: null });
      else if (!/^\d{1,15}$/.test(text)) return { problem: 'value' };
      else actions.push({ type: row.type, value: Number(text) });
    } else if (row.type === 'notify') {
      if (!text) return { problem: 'value' };
      actions.push({ type: 'notify', to: row.to, value: text });
    } else {
      if (!text && row.type !== 'set_category') return { problem: 'value' };
      actions.push({ type: row.type, value: text });
    }
  }
  return { document: { name, event: form.event, active, position, conditions: { all, any }, actions } };
}

/** The document of a stored rule with `active` switched (enable / disable). */
export function toggledDocument(rule: AutomationRule): Record<string, unknown> {
  return { name: rule.name, event: rule.event, active: !rule.active, position: rule.position, conditions: rule.conditions, actions: rule.actions };
}

/** What one automation_applied history event says ({rule_id, name, event, changes, effects}). */
export interface AutomationRun {
  rule_id: number;
  name: string;
  event: string;
  changes: Record<string, unknown>;
  effects: string[];
}
export function parseRun(to: string): AutomationRun | null {
  try {
    const value = JSON.parse(to) as AutomationRun;
    return typeof value.name === 'string' ? value : null;
  } catch {
    return null;
  }
}
