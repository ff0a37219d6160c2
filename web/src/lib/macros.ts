// Macros and bulk actions (issue 17) in the console: the shapes the API answers, the search of
// the picker, the field changes a preview makes said as a list, the form of the management
// screen turned into a macro document, and bulk outcomes split into done and failed. Pure.
import type { Language } from './i18n';
import type { Priority, Status, Ticket } from './types';

export type MacroScope = 'tenant' | 'team' | 'personal';
export const MACRO_SCOPES: MacroScope[] = ['tenant', 'team', 'personal'];
export const MACRO_LANGUAGES: Language[] = ['nl', 'en', 'zh'];
/** The placeholders a macro text may use (src/macros/macro.hpp kPlaceholders). */
export const MACRO_PLACEHOLDERS = ['customer.name', 'ticket.reference', 'ticket.subject', 'agent.name', 'sla.due_at'];
/** Limits the API holds to (src/macros/macro.hpp). */
export const MAX_MACRO_NAME = 120;
export const MAX_MACRO_TEXT = 16 * 1024;
export const MAX_BULK_TICKETS = 100;

/** A macro's or a bulk action's field changes (the API's `changes`). */
export interface MacroChanges {
  status?: Status;
  priority?: Priority;
  tags_add?: string[];
  tags_remove?: string[];
  team_id?: number | null;
  assignee_id?: number | null;
  category?: string;
}

export interface Macro {
  id: number;
  scope: MacroScope;
  team_id: number | null;
  owner_id: number | null;
  name: string;
  texts: Partial<Record<Language, string>>;
  changes: MacroChanges;
  created_at: string;
  updated_at: string;
}

/** The ticket PATCH body a preview computed (only the members that change something). */
export interface TicketPatch {
  status?: Status;
  priority?: Priority;
  tags?: string[];
  category?: string;
  team_id?: number | null;
  assignee_id?: number | null;
}

export interface MacroPreview {
  macro_id: number;
  language: Language | null;
  text: string;
  patch: TicketPatch;
  ticket_version: number;
}

/** Macros whose name (or any text) holds every word of `search`, names first, by name. */
export function filterMacros(macros: Macro[], search: string): Macro[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const scored: { macro: Macro; byName: boolean }[] = [];
  for (const macro of macros) {
    const name = macro.name.toLowerCase();
    const all = `${name} ${Object.values(macro.texts).join(' ').toLowerCase()}`;
    if (!words.every((w) => all.includes(w))) continue;
    scored.push({ macro, byName: words.every((w) => name.includes(w)) });
  }
  scored.sort((a, b) => Number(b.byName) - Number(a.byName) || a.macro.name.localeCompare(b.macro.name));
  return scored.map((s) => s.macro);
}

/** One line of what a patch does, for people: the field and the new value (tags as +/-). */
export type PatchLine =
  | { field: 'status'; value: Status }
  | { field: 'priority'; value: Priority }
  | { field: 'assignee_id' | 'team_id'; value: number | null }
  | { field: 'category'; value: string }
  | { field: 'tags'; added: string[]; removed: string[] };

export function describePatch(ticket: Pick<Ticket, 'tags'>, patch: TicketPatch): PatchLine[] {
  const lines: PatchLine[] = [];
  if (patch.status) lines.push({ field: 'status', value: patch.status });
  if (patch.priority) lines.push({ field: 'priority', value: patch.priority });
  if (patch.assignee_id !== undefined) lines.push({ field: 'assignee_id', value: patch.assignee_id });
  if (patch.team_id !== undefined) lines.push({ field: 'team_id', value: patch.team_id });
  if (patch.category !== undefined) lines.push({ field: 'category', value: patch.category });
  if (patch.tags) {
    const before = new Set(ticket.tags ?? []);
    const after = new Set(patch.tags);
    lines.push({
      field: 'tags',
      added: patch.tags.filter((tag) => !before.has(tag)),
      removed: [...before].filter((tag) => !after.has(tag)),
    });
  }
  return lines;
}

export function isEmptyTicketPatch(patch: TicketPatch): boolean {
  return Object.keys(patch).length === 0;
}

/** What the management form edits. */
export interface MacroForm {
  name: string;
  scope: MacroScope;
  team_id: string; // '' or an id
  texts: Record<Language, string>;
  status: string; // '' keeps it
  priority: string;
  tags_add: string; // comma separated
  tags_remove: string;
}

export function emptyMacroForm(scope: MacroScope = 'personal'): MacroForm {
  return { name: '', scope, team_id: '', texts: { nl: '', en: '', zh: '' }, status: '', priority: '', tags_add: '', tags_remove: '' };
}

export function formOfMacro(macro: Macro): MacroForm {
  return {
    name: macro.name,
    scope: macro.scope,
    team_id: macro.team_id == null ? '' : String(macro.team_id),
    texts: { nl: macro.texts.nl ?? '', en: macro.texts.en ?? '', zh: macro.texts.zh ?? '' },
    status: macro.changes.status ?? '',
    priority: macro.changes.priority ?? '',
    tags_add: (macro.changes.tags_add ?? []).join(', '),
    tags_remove: (macro.changes.tags_remove ?? []).join(', '),
  };
}

/** `changes` with a form's status, priority ('' keeps them) and comma-separated tag lists. */
function withChoices(changes: MacroChanges, status: string, priority: string, tagsAdd: string, tagsRemove: string): MacroChanges {
  const out = { ...changes };
  if (status) out.status = status as Status;
  if (priority) out.priority = priority as Priority;
  const add = splitTags(tagsAdd);
  const remove = splitTags(tagsRemove);
  if (add.length) out.tags_add = add;
  if (remove.length) out.tags_remove = remove;
  return out;
}

export function splitTags(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
}

/** The placeholders in `text` ({{ name }}) that the API would refuse. */
export function unknownPlaceholders(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
    if (!MACRO_PLACEHOLDERS.includes(match[1]) && !out.includes(match[1])) out.push(match[1]);
  }
  return out;
}

export type FormProblem =
  | { field: 'name'; problem: 'required' | 'tooLong' }
  | { field: 'texts'; problem: 'required' }
  | { field: `texts.${Language}`; problem: 'tooLong' | 'placeholder'; placeholder?: string }
  | { field: 'team_id'; problem: 'required' };

/** The document POST/PATCH /api/v1/macros takes, or the first thing wrong with the form. */
export function macroDocument(form: MacroForm): { document: Record<string, unknown> } | { problem: FormProblem } {
  const name = form.name.trim();
  if (!name) return { problem: { field: 'name', problem: 'required' } };
  if (new TextEncoder().encode(name).length > MAX_MACRO_NAME) return { problem: { field: 'name', problem: 'tooLong' } };
  const texts: Partial<Record<Language, string>> = {};
  for (const lang of MACRO_LANGUAGES) {
    const text = form.texts[lang];
    if (!text.trim()) continue;
    if (new TextEncoder().encode(text).length > MAX_MACRO_TEXT) return { problem: { field: `texts.${lang}`, problem: 'tooLong' } };
    const unknown = unknownPlaceholders(text);
    if (unknown.length) return { problem: { field: `texts.${lang}`, problem: 'placeholder', placeholder: unknown[0] } };
    texts[lang] = text;
  }
  if (Object.keys(texts).length === 0) return { problem: { field: 'texts', problem: 'required' } };
  if (form.scope === 'team' && !form.team_id) return { problem: { field: 'team_id', problem: 'required' } };
  const changes = withChoices({}, form.status, form.priority, form.tags_add, form.tags_remove);
  const document: Record<string, unknown> = { name, scope: form.scope, texts, changes };
  document.team_id = form.scope === 'team' ? Number(form.team_id) : null;
  return { document };
}

/** Who may change a macro (src/service/macro_service.hpp): the same rule, to hide buttons. */
export function mayChangeMacro(agent: { id: number; role: string; team_id: number | null }, macro: Pick<Macro, 'scope' | 'team_id' | 'owner_id'>): boolean {
  if (agent.role === 'qa_reviewer') return false;
  const supervising = agent.role === 'admin' || agent.role === 'supervisor';
  if (macro.scope === 'personal') return macro.owner_id === agent.id;
  if (macro.scope === 'team') return supervising || (macro.team_id !== null && macro.team_id === agent.team_id);
  return supervising;
}

/** The scopes an agent may create macros in. */
export function creatableScopes(agent: { role: string; team_id: number | null }): MacroScope[] {
  if (agent.role === 'qa_reviewer') return [];
  if (agent.role === 'admin' || agent.role === 'supervisor') return MACRO_SCOPES;
  return agent.team_id !== null ? ['team', 'personal'] : ['personal'];
}

/** One ticket's answer of POST /api/v1/tickets/bulk. */
export interface BulkOutcome {
  ticket_id: number;
  ok: boolean;
  ticket?: Ticket;
  problem?: { type?: string; title?: string; detail?: string; status?: number };
}

export interface BulkSummary {
  done: Ticket[];
  failed: { ticket_id: number; reason: string }[];
}

export function summarizeBulk(outcomes: BulkOutcome[]): BulkSummary {
  const summary: BulkSummary = { done: [], failed: [] };
  for (const outcome of outcomes) {
    if (outcome.ok && outcome.ticket) summary.done.push(outcome.ticket);
    else {
      const problem = outcome.problem ?? {};
      summary.failed.push({ ticket_id: outcome.ticket_id, reason: problem.detail || problem.title || problem.type || '?' });
    }
  }
  return summary;
}

/** The selection after toggling one ticket; adding past the bulk limit changes nothing. */
export function toggleSelection(selection: ReadonlySet<number>, id: number): Set<number> {
  const next = new Set(selection);
  if (next.has(id)) next.delete(id);
  else if (next.size < MAX_BULK_TICKETS) next.add(id);
  return next;
}

/** Selects the first shown tickets up to the bulk limit, or clears when all of those are in. */
export function toggleAllShown(selection: ReadonlySet<number>, shown: number[]): Set<number> {
  const first = shown.slice(0, MAX_BULK_TICKETS);
  if (first.length > 0 && first.every((id) => selection.has(id))) return new Set();
  return new Set(first);
}

/** The bulk bar's choices ('' keeps a field; assignee 'none' unassigns). */
export interface BulkForm {
  assignee: string;
  status: string;
  priority: string;
  tagsAdd: string;
  tagsRemove: string;
  macro: string;
}
export const EMPTY_BULK_FORM: BulkForm = { assignee: '', status: '', priority: '', tagsAdd: '', tagsRemove: '', macro: '' };

/** The bulk route's changes: a macro's field changes first, the bar's own choices over them. */
export function bulkChanges(form: BulkForm, macro: Pick<Macro, 'changes'> | undefined): MacroChanges {
  // The bulk route takes no category (a macro sets one only on a single ticket).
  const changes: MacroChanges = { ...(macro?.changes ?? {}) };
  delete changes.category;
  if (form.assignee) changes.assignee_id = form.assignee === 'none' ? null : Number(form.assignee);
  return withChoices(changes, form.status, form.priority, form.tagsAdd, form.tagsRemove);
}
