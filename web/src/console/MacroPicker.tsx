// The macro picker of the ticket view (issue 17): a searchable combobox of the macros the
// agent sees; choosing one (Enter or click) asks the API for its preview on this ticket (the
// reply with placeholders filled and the field changes), and only the explicit "Apply macro"
// hands both to the ticket view, which fills the composer and applies the changes with undo.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiClient, describeError } from '../lib/api';
import { describePatch, filterMacros, type Macro, type MacroPreview, type TicketPatch } from '../lib/macros';
import type { Agent, Page, Team, Ticket } from '../lib/types';
import { Notice, useI18n } from '../lib/ui';
import { PatchLines } from './MacroParts';

const SHOWN = 8;

export function MacroPicker({
  client,
  ticket,
  agents,
  teams,
  disabled,
  onApply,
}: {
  client: ApiClient;
  ticket: Ticket;
  agents: Map<number, Agent>;
  teams: Team[];
  disabled: boolean;
  onApply: (text: string, patch: TicketPatch) => void;
}) {
  const { t } = useI18n();
  const [macros, setMacros] = useState<Macro[] | null>(null);
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<Macro | null>(null);
  const [preview, setPreview] = useState<MacroPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    client
      .get<Page<Macro>>('/api/v1/macros')
      .then((p) => setMacros(p.items))
      .catch((err) => setError(describeError(err, t)));
  }, [ticket.tenant_id]);

  // A preview is computed against one ticket version: a newer version asks again.
  useEffect(() => {
    if (!chosen) return;
    let stale = false;
    setError(null);
    client
      .post<MacroPreview>(`/api/v1/tickets/${ticket.id}/macros/${chosen.id}/preview`, {})
      .then((p) => !stale && setPreview(p))
      .catch((err) => !stale && setError(describeError(err, t)));
    return () => {
      stale = true;
    };
  }, [chosen?.id, ticket.id, ticket.version]);

  const matches = macros ? filterMacros(macros, search).slice(0, SHOWN) : [];
  const listId = `macro-options-${ticket.id}`;
  const optionId = (m: Macro) => `macro-option-${m.id}`;

  const choose = (macro: Macro) => {
    setChosen(macro);
    setPreview(null);
    setOpen(false);
    setSearch(macro.name);
  };
  const close = () => {
    setChosen(null);
    setPreview(null);
    setSearch('');
    input.current?.focus();
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(matches.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open && matches[active]) choose(matches[active]);
    } else if (e.key === 'Escape' && open) {
      // Close the list first; a second Escape leaves the field (the console's rule).
      e.stopPropagation();
      setOpen(false);
    }
  };

  const expanded = open && matches.length > 0;
  return (
    <section class="macro-picker" aria-labelledby={`macro-title-${ticket.id}`}>
      <h3 id={`macro-title-${ticket.id}`}>{t('macro.title')}</h3>
      <div class="field macro-search">
        <label for="macro-search">{t('macro.search')}</label>
        <input
          id="macro-search"
          ref={input}
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && matches[active] ? optionId(matches[active]) : undefined}
          value={search}
          disabled={disabled}
          placeholder={t('macro.searchHint')}
          onInput={(e) => {
            setSearch((e.currentTarget as HTMLInputElement).value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKey}
        />
      </div>
      <ul id={listId} role="listbox" class="macro-options" aria-label={t('macro.options')} hidden={!expanded}>
        {matches.map((m, index) => (
          <li
            key={m.id}
            id={optionId(m)}
            role="option"
            aria-selected={index === active}
            class={index === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(m)}
          >
            <span class="macro-name">{m.name}</span> <span class="chip">{t(`macro.scope.${m.scope}`)}</span>
          </li>
        ))}
      </ul>
      {macros && macros.length === 0 && <p class="muted">{t('macro.none')}</p>}
      {open && macros && macros.length > 0 && matches.length === 0 && <p class="muted">{t('macro.noMatch')}</p>}
      {error && (
        <Notice kind="error">{error}</Notice>
      )}
      {chosen && (
        <div class="macro-preview" role="region" aria-label={t('macro.preview', { name: chosen.name })}>
          <h4>{t('macro.preview', { name: chosen.name })}</h4>
          {!preview ? (
            <p class="loading">{t('common.loading')}</p>
          ) : (
            <>
              {preview.text ? <p class="macro-text">{preview.text}</p> : <p class="muted">{t('macro.noText')}</p>}
              <PatchLines lines={describePatch(ticket, preview.patch)} agents={agents} teams={teams} />
              <div class="actions">
                <button
                  type="button"
                  class="primary"
                  id="macro-apply"
                  disabled={disabled}
                  onClick={() => {
                    onApply(preview.text, preview.patch);
                    setChosen(null);
                    setPreview(null);
                    setSearch('');
                  }}
                >
                  {t('macro.apply')}
                </button>
                <button type="button" onClick={close}>
                  {t('common.cancel')}
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}
