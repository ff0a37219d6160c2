// The automations screen (issue 17): the tenant's rules in run order; admins and supervisors
// create them with a form (conditions and actions as rows, no JSON), switch them on and off and
// delete them. Everyone else of the tenant reads them.
import { useEffect, useState } from 'preact/hooks';
import { ApiClient, describeError } from '../lib/api';
import {
  ACTION_TYPES,
  AUTOMATION_EVENTS,
  CONDITION_FIELDS,
  emptyRuleForm,
  MAX_ACTIONS,
  MAX_CONDITIONS,
  MAX_RULE_NAME,
  mayManageRules,
  ruleDocument,
  SLA_STATES,
  toggledDocument,
  type ActionRow,
  type ActionType,
  type AutomationRule,
  type ConditionField,
  type ConditionRow,
  type RuleForm,
  type RuleProblem,
} from '../lib/automations';
import { LANGUAGE_NAMES, LANGUAGES } from '../lib/i18n';
import type { Macro } from '../lib/macros';
import { CHANNELS, type Agent, type Page, type Team } from '../lib/types';
import { ChoiceField, useTicketChoices } from './MacroParts';
import { Notice, useI18n } from '../lib/ui';

function RuleEditor({ client, teams, macros, onSaved, onCancel }: { client: ApiClient; teams: Team[]; macros: Macro[]; onSaved: (r: AutomationRule) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { statuses, priorities } = useTicketChoices();
  const [form, setForm] = useState<RuleForm>(emptyRuleForm);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choicesFor = (field: ConditionField): [string, string][] | null => {
    switch (field) {
      case 'channel':
        return CHANNELS.map((c) => [c, t(`channel.${c}`)]);
      case 'status':
        return statuses;
      case 'priority':
        return priorities;
      case 'language':
        return LANGUAGES.map((l) => [l, LANGUAGE_NAMES[l]]);
      case 'sla_state':
        return SLA_STATES.map((s) => [s, t(`automation.sla.${s}`)]);
      case 'team_id':
        return teams.map((x) => [String(x.id), x.name]);
      default:
        return null;
    }
  };
  const setCondition = (idx: number, patch: Partial<ConditionRow>) =>
    setForm({ ...form, conditions: form.conditions.map((c, k) => (k === idx ? { ...c, ...patch } : c)) });
  const setAction = (idx: number, patch: Partial<ActionRow>) => setForm({ ...form, actions: form.actions.map((a, k) => (k === idx ? { ...a, ...patch } : a)) });
  const problemText = (p: RuleProblem) => t(`automation.problem.${p}`);
  const save = async (e: Event) => {
    e.preventDefault();
    const built = ruleDocument(form);
    if ('problem' in built) {
      setError(problemText(built.problem));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await client.post<AutomationRule>('/api/v1/automations', built.document));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };
  const actionValue = (row: ActionRow, idx: number) => {
    const id = `rule-action-value-${idx}`;
    const label = t('automation.value');
    const choose = (choices: [string, string][], blank?: string) => (
      <ChoiceField id={id} label={label} value={row.value} blank={blank} choices={choices} onChange={(v) => setAction(idx, { value: v })} />
    );
    switch (row.type) {
      case 'set_status':
        return choose(statuses);
      case 'set_priority':
        return choose(priorities);
      case 'set_team':
        return choose(teams.map((x): [string, string] => [String(x.id), x.name]), t('common.none'));
      case 'apply_macro':
        return choose(macros.filter((m) => m.scope === 'tenant').map((m): [string, string] => [String(m.id), m.name]), '—');
      case 'webhook':
        return null;
      default:
        return (
          <div class="field">
            <label for={id}>{label}</label>
            <input id={id} type="text" value={row.value} onInput={(e) => setAction(idx, { value: (e.currentTarget as HTMLInputElement).value })} />
          </div>
        );
    }
  };
  return (
    <form class="rule-editor" aria-labelledby="rule-editor-title" onSubmit={(e) => void save(e)}>
      <h2 id="rule-editor-title">{t('automation.new')}</h2>
      <div class="field">
        <label for="rule-name">{t('automation.name')}</label>
        <input id="rule-name" type="text" maxLength={MAX_RULE_NAME} value={form.name} onInput={(e) => setForm({ ...form, name: (e.currentTarget as HTMLInputElement).value })} />
      </div>
      <div class="macro-row">
        <ChoiceField
          id="rule-event"
          label={t('automation.event')}
          value={form.event}
          choices={AUTOMATION_EVENTS.map((x): [string, string] => [x, t(`automation.event.${x}`)])}
          onChange={(v) => setForm({ ...form, event: v as RuleForm['event'] })}
        />
        <ChoiceField
          id="rule-match"
          label={t('automation.match')}
          value={form.match}
          choices={[
            ['all', t('automation.match.all')],
            ['any', t('automation.match.any')],
          ]}
          onChange={(v) => setForm({ ...form, match: v as 'all' | 'any' })}
        />
      </div>
      {form.event === 'on_time' && (
        <div class="macro-row">
          <div class="field">
            <label for="rule-hours">{t('automation.hours')}</label>
            <input id="rule-hours" type="number" min="1" max="8784" step="any" value={form.hours} onInput={(e) => setForm({ ...form, hours: (e.currentTarget as HTMLInputElement).value })} />
          </div>
          <label class="check">
            <input type="checkbox" checked={form.business_hours} onChange={(e) => setForm({ ...form, business_hours: (e.currentTarget as HTMLInputElement).checked })} />{' '}
            {t('automation.businessHours')}
          </label>
        </div>
      )}
      <fieldset class="rule-rows">
        <legend>{t('automation.conditions')}</legend>
        {form.conditions.length === 0 && <p class="muted">{t('automation.noConditions')}</p>}
        {form.conditions.map((row, idx) => {
          const choices = choicesFor(row.field);
          return (
            <div class="rule-row" key={idx}>
              <ChoiceField
                id={`rule-cond-field-${idx}`}
                label={t('automation.field')}
                value={row.field}
                choices={CONDITION_FIELDS.map((f): [string, string] => [f, t(`automation.field.${f}`)])}
                onChange={(v) => setCondition(idx, { field: v as ConditionField, value: choicesFor(v as ConditionField)?.[0]?.[0] ?? '' })}
              />
              <ChoiceField
                id={`rule-cond-op-${idx}`}
                label={t('automation.op')}
                value={row.negate ? 'not' : 'is'}
                choices={[
                  ['is', t(row.field === 'tags' ? 'automation.op.has' : 'automation.op.is')],
                  ['not', t(row.field === 'tags' ? 'automation.op.has_not' : 'automation.op.is_not')],
                ]}
                onChange={(v) => setCondition(idx, { negate: v === 'not' })}
              />
              {choices ? (
                <ChoiceField id={`rule-cond-value-${idx}`} label={t('automation.value')} value={row.value} choices={choices} onChange={(v) => setCondition(idx, { value: v })} />
              ) : (
                <div class="field">
                  <label for={`rule-cond-value-${idx}`}>{t('automation.value')}</label>
                  <input id={`rule-cond-value-${idx}`} type="text" value={row.value} onInput={(e) => setCondition(idx, { value: (e.currentTarget as HTMLInputElement).value })} />
                </div>
              )}
              <button type="button" onClick={() => setForm({ ...form, conditions: form.conditions.filter((_, k) => k !== idx) })} aria-label={t('automation.removeCondition')}>
                ×
              </button>
            </div>
          );
        })}
        {form.conditions.length < MAX_CONDITIONS && (
          <button type="button" id="rule-add-condition" onClick={() => setForm({ ...form, conditions: [...form.conditions, { field: 'channel', negate: false, value: 'email' }] })}>
            {t('automation.addCondition')}
          </button>
        )}
      </fieldset>
      <fieldset class="rule-rows">
        <legend>{t('automation.actions')}</legend>
        {form.actions.map((row, idx) => (
          <div class="rule-row" key={idx}>
            <ChoiceField
              id={`rule-action-type-${idx}`}
              label={t('automation.action')}
              value={row.type}
              choices={ACTION_TYPES.map((a): [string, string] => [a, t(`automation.action.${a}`)])}
              onChange={(v) => {
                const type = v as ActionType;
                const first = type === 'set_status' ? 'open' : type === 'set_priority' ? 'high' : type === 'apply_macro' ? String(macros.find((m) => m.scope === 'tenant')?.id ?? '') : '';
                setAction(idx, { type, value: first });
              }}
            />
            {row.type === 'notify' && (
              <ChoiceField
                id={`rule-action-to-${idx}`}
                label={t('automation.notifyWho')}
                value={row.to}
                choices={[
                  ['assignee', t('automation.notify.assignee')],
                  ['team_lead', t('automation.notify.team_lead')],
                ]}
                onChange={(v) => setAction(idx, { to: v as ActionRow['to'] })}
              />
            )}
            {actionValue(row, idx)}
            {form.actions.length > 1 && (
              <button type="button" onClick={() => setForm({ ...form, actions: form.actions.filter((_, k) => k !== idx) })} aria-label={t('automation.removeAction')}>
                ×
              </button>
            )}
          </div>
        ))}
        {form.actions.length < MAX_ACTIONS && (
          <button type="button" id="rule-add-action" onClick={() => setForm({ ...form, actions: [...form.actions, { type: 'add_note', value: '', to: 'assignee' }] })}>
            {t('automation.addAction')}
          </button>
        )}
      </fieldset>
      {error && <Notice kind="error">{error}</Notice>}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('automation.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function AutomationsView({ client, agent }: { client: ApiClient; agent: Agent }) {
  const { t } = useI18n();
  const [rules, setRules] = useState<AutomationRule[] | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [macros, setMacros] = useState<Macro[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const manage = mayManageRules(agent);
  useEffect(() => {
    client
      .get<Page<AutomationRule>>('/api/v1/automations')
      .then((p) => setRules(p.items))
      .catch((err) => setError(describeError(err, t)));
    client.get<Page<Team>>('/api/v1/teams').then((p) => setTeams(p.items)).catch(() => undefined);
    client.get<Page<Macro>>('/api/v1/macros').then((p) => setMacros(p.items)).catch(() => undefined);
  }, [agent.id]);
  const replace = (rule: AutomationRule) => setRules((list) => (list ?? []).map((r) => (r.id === rule.id ? rule : r)));
  const toggle = async (rule: AutomationRule) => {
    setError(null);
    try {
      const saved = (await client.request<AutomationRule>('PUT', `/api/v1/automations/${rule.id}`, { body: toggledDocument(rule) })).data;
      replace(saved);
      setStatus(t(saved.active ? 'automation.enabled' : 'automation.disabled', { name: saved.name }));
    } catch (err) {
      setError(describeError(err, t));
    }
  };
  const remove = async (rule: AutomationRule) => {
    setError(null);
    try {
      await client.request('DELETE', `/api/v1/automations/${rule.id}`);
      setRules((list) => (list ?? []).filter((r) => r.id !== rule.id));
      setStatus(t('automation.deleted', { name: rule.name }));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setConfirming(null);
    }
  };
  return (
    <section class="view automations-view" aria-labelledby="automations-title">
      <h1 id="automations-title" tabIndex={-1}>
        {t('automation.title')}
      </h1>
      <p class="muted">{t('automation.intro')}</p>
      <div class="live-status" role="status">
        {status}
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {creating ? (
        <RuleEditor
          client={client}
          teams={teams}
          macros={macros}
          onCancel={() => setCreating(false)}
          onSaved={(saved) => {
            setRules((list) => [...(list ?? []), saved]);
            setStatus(t('automation.saved', { name: saved.name }));
            setCreating(false);
          }}
        />
      ) : (
        manage && (
          <button type="button" class="primary" id="rule-new" onClick={() => setCreating(true)}>
            {t('automation.new')}
          </button>
        )
      )}
      {rules && rules.length === 0 && <p>{t('automation.none')}</p>}
      {rules && rules.length > 0 && (
        <ul class="macro-list rule-list">
          {rules.map((r) => (
            <li key={r.id} class="macro-item" data-rule-id={r.id}>
              <p class="macro-item-head">
                <span class="macro-name">{r.name}</span> <span class="chip">{t(`automation.event.${r.event}`)}</span>{' '}
                <span class={`chip ${r.active ? 'chip-on' : 'chip-off'}`}>{t(r.active ? 'automation.active' : 'automation.inactive')}</span>
                <span class="muted"> · {t('automation.summary', { conditions: String(r.conditions.all.length + r.conditions.any.length), actions: String(r.actions.length) })}</span>
              </p>
              {manage && (
                <div class="actions">
                  {confirming === r.id ? (
                    <>
                      <span>{t('automation.confirmDelete', { name: r.name })}</span>
                      <button type="button" class="danger" onClick={() => void remove(r)}>
                        {t('automation.delete')}
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t('common.cancel')}
                      </button>
                    </>
                  ) : (
                    <>
                      <button type="button" onClick={() => void toggle(r)} aria-label={t(r.active ? 'automation.disableOf' : 'automation.enableOf', { name: r.name })}>
                        {t(r.active ? 'automation.disable' : 'automation.enable')}
                      </button>
                      <button type="button" onClick={() => setConfirming(r.id)} aria-label={t('automation.deleteOf', { name: r.name })}>
                        {t('automation.delete')}
                      </button>
                    </>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
