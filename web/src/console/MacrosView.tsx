// The macro screen (issue 17): the macros the agent sees, and creating, editing and deleting
// those they may change (tenant macros: supervisors and admins; team macros: the team's agents
// too; personal ones: their owner), each with its nl/en/zh reply texts and field changes.
import { useEffect, useState } from 'preact/hooks';
import { ApiClient, describeError } from '../lib/api';
import {
  creatableScopes,
  emptyMacroForm,
  formOfMacro,
  MACRO_LANGUAGES,
  MACRO_PLACEHOLDERS,
  macroDocument,
  MAX_MACRO_NAME,
  mayChangeMacro,
  type FormProblem,
  type Macro,
  type MacroForm,
  type MacroScope,
} from '../lib/macros';
import { LANGUAGE_NAMES } from '../lib/i18n';
import type { Agent, Page, Team } from '../lib/types';
import { ChoiceField, useTicketChoices } from './MacroParts';
import { Notice, useI18n } from '../lib/ui';

function MacroEditor({
  client,
  agent,
  teams,
  macro,
  onSaved,
  onCancel,
}: {
  client: ApiClient;
  agent: Agent;
  teams: Team[];
  macro: Macro | null;
  onSaved: (m: Macro) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const { statuses, priorities } = useTicketChoices();
  const scopes = creatableScopes(agent);
  const [form, setForm] = useState<MacroForm>(() => (macro ? formOfMacro(macro) : emptyMacroForm(scopes.includes('personal') ? 'personal' : scopes[0])));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof MacroForm) => (e: Event) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value });
  const problemText = (p: FormProblem): string => {
    if (p.field === 'name') return t(p.problem === 'required' ? 'macros.nameRequired' : 'macros.nameTooLong');
    if (p.field === 'texts') return t('macros.textRequired');
    if (p.field === 'team_id') return t('macros.teamRequired');
    return p.problem === 'placeholder' ? t('macros.badPlaceholder', { name: p.placeholder ?? '' }) : t('macros.textTooLong');
  };
  const save = async (e: Event) => {
    e.preventDefault();
    const built = macroDocument(form);
    if ('problem' in built) {
      setError(problemText(built.problem));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = macro
        ? (await client.request<Macro>('PATCH', `/api/v1/macros/${macro.id}`, { body: built.document })).data
        : await client.post<Macro>('/api/v1/macros', built.document);
      onSaved(saved);
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };
  const myTeams = agent.role === 'admin' || agent.role === 'supervisor' ? teams : teams.filter((x) => x.id === agent.team_id);
  return (
    <form class="macro-editor" aria-labelledby="macro-editor-title" onSubmit={(e) => void save(e)}>
      <h2 id="macro-editor-title">{macro ? t('macros.edit', { name: macro.name }) : t('macros.new')}</h2>
      <div class="field">
        <label for="macro-name">{t('macros.name')}</label>
        <input id="macro-name" type="text" maxLength={MAX_MACRO_NAME} value={form.name} onInput={set('name')} />
      </div>
      <div class="macro-row">
        <ChoiceField
          id="macro-scope"
          label={t('macros.scope')}
          value={form.scope}
          choices={scopes.map((x): [string, string] => [x, t(`macro.scope.${x}`)])}
          onChange={(v) => setForm({ ...form, scope: v as MacroScope })}
        />
        {form.scope === 'team' && (
          <ChoiceField
            id="macro-team"
            label={t('macros.team')}
            value={form.team_id}
            blank="—"
            choices={myTeams.map((x): [string, string] => [String(x.id), x.name])}
            onChange={(v) => setForm({ ...form, team_id: v })}
          />
        )}
      </div>
      <p class="muted" id="macro-placeholders">
        {t('macros.placeholders')} {MACRO_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')}
      </p>
      {MACRO_LANGUAGES.map((lang) => (
        <div class="field" key={lang}>
          <label for={`macro-text-${lang}`}>{t('macros.text', { language: LANGUAGE_NAMES[lang] })}</label>
          <textarea
            id={`macro-text-${lang}`}
            lang={lang === 'zh' ? 'zh-CN' : lang}
            rows={4}
            aria-describedby="macro-placeholders"
            value={form.texts[lang]}
            onInput={(e) => setForm({ ...form, texts: { ...form.texts, [lang]: (e.currentTarget as HTMLTextAreaElement).value } })}
          />
        </div>
      ))}
      <fieldset class="macro-changes">
        <legend>{t('macro.changes')}</legend>
        <ChoiceField id="macro-status" label={t('ticket.status')} value={form.status} blank={t('macros.keep')} choices={statuses} onChange={(v) => setForm({ ...form, status: v })} />
        <ChoiceField id="macro-priority" label={t('ticket.priority')} value={form.priority} blank={t('macros.keep')} choices={priorities} onChange={(v) => setForm({ ...form, priority: v })} />
        <div class="field">
          <label for="macro-tags-add">{t('macros.tagsAdd')}</label>
          <input id="macro-tags-add" type="text" value={form.tags_add} onInput={set('tags_add')} />
        </div>
        <div class="field">
          <label for="macro-tags-remove">{t('macros.tagsRemove')}</label>
          <input id="macro-tags-remove" type="text" value={form.tags_remove} onInput={set('tags_remove')} />
        </div>
      </fieldset>
      {error && (
        <Notice kind="error">{error}</Notice>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('macros.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function MacrosView({ client, agent }: { client: ApiClient; agent: Agent }) {
  const { t } = useI18n();
  const [macros, setMacros] = useState<Macro[] | null>(null);
  const [teams, setTeams] = useState<Team[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Macro | 'new' | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const load = () =>
    client
      .get<Page<Macro>>('/api/v1/macros')
      .then((p) => {
        setMacros(p.items);
        setError(null);
      })
      .catch((err) => setError(describeError(err, t)));
  useEffect(() => {
    void load();
    client.get<Page<Team>>('/api/v1/teams').then((p) => setTeams(p.items)).catch(() => undefined);
  }, [agent.id]);

  const remove = async (macro: Macro) => {
    setError(null);
    try {
      await client.request('DELETE', `/api/v1/macros/${macro.id}`);
      setMacros((list) => (list ?? []).filter((m) => m.id !== macro.id));
      setStatus(t('macros.deleted', { name: macro.name }));
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setConfirming(null);
    }
  };
  const teamName = (id: number | null) => teams.find((x) => x.id === id)?.name ?? (id == null ? '' : `#${id}`);
  const canCreate = creatableScopes(agent).length > 0;

  return (
    <section class="view macros-view" aria-labelledby="macros-title">
      <h1 id="macros-title" tabIndex={-1}>
        {t('macros.title')}
      </h1>
      <div class="live-status" role="status">
        {status}
      </div>
      {error && (
        <Notice kind="error">{error}</Notice>
      )}
      {editing ? (
        <MacroEditor
          client={client}
          agent={agent}
          teams={teams}
          macro={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setMacros((list) => [...(list ?? []).filter((m) => m.id !== saved.id), saved].sort((a, b) => a.name.localeCompare(b.name)));
            setStatus(t('macros.saved', { name: saved.name }));
            setEditing(null);
          }}
        />
      ) : (
        canCreate && (
          <button type="button" class="primary" id="macro-new" onClick={() => setEditing('new')}>
            {t('macros.new')}
          </button>
        )
      )}
      {macros && macros.length === 0 && <p>{t('macro.none')}</p>}
      {macros && macros.length > 0 && (
        <ul class="macro-list">
          {macros.map((m) => (
            <li key={m.id} class="macro-item" data-macro-id={m.id}>
              <p class="macro-item-head">
                <span class="macro-name">{m.name}</span> <span class="chip">{t(`macro.scope.${m.scope}`)}</span>
                {m.scope === 'team' && <span class="muted"> {teamName(m.team_id)}</span>}
                <span class="muted"> · {MACRO_LANGUAGES.filter((l) => m.texts[l]).map((l) => l.toUpperCase()).join(' ')}</span>
              </p>
              {mayChangeMacro(agent, m) && (
                <div class="actions">
                  {confirming === m.id ? (
                    <>
                      <span>{t('macros.confirmDelete', { name: m.name })}</span>
                      <button type="button" class="danger" onClick={() => void remove(m)}>
                        {t('macros.delete')}
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t('common.cancel')}
                      </button>
                    </>
                  ) : (
                    <>
                      <button type="button" onClick={() => setEditing(m)} aria-label={t('macros.editOf', { name: m.name })}>
                        {t('macros.editShort')}
                      </button>
                      <button type="button" onClick={() => setConfirming(m.id)} aria-label={t('macros.deleteOf', { name: m.name })}>
                        {t('macros.delete')}
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
