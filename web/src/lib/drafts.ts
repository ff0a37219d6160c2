// Half-written replies and notes, kept per ticket in the browser (localStorage), so
// opening another ticket or reloading loses nothing. Bounded: at most MAX_DRAFTS tickets
// and MAX_DRAFT_CHARS characters each; the oldest drafts are dropped first.

export interface Draft {
  kind: 'outbound' | 'note';
  text: string;
  savedAt: number;
}

export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const MAX_DRAFTS = 50;
export const MAX_DRAFT_CHARS = 100_000;
const KEY = 'servicepact.drafts';

type Drafts = Record<string, Draft>;

function readAll(storage: DraftStorage): Drafts {
  try {
    const parsed = JSON.parse(storage.getItem(KEY) ?? '{}') as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Drafts) : {};
  } catch {
    return {};
  }
}

function writeAll(storage: DraftStorage, drafts: Drafts): void {
  try {
    if (Object.keys(drafts).length === 0) storage.removeItem(KEY);
    else storage.setItem(KEY, JSON.stringify(drafts));
  } catch {
    // storage full or disabled: the draft lives on in the page until it is sent
  }
}

export function loadDraft(storage: DraftStorage, ticketId: number): Draft | null {
  const draft = readAll(storage)[String(ticketId)];
  if (!draft || typeof draft.text !== 'string' || (draft.kind !== 'outbound' && draft.kind !== 'note')) return null;
  return draft;
}

/** Saves (or with an empty text removes) the draft of one ticket. */
export function saveDraft(storage: DraftStorage, ticketId: number, kind: Draft['kind'], text: string, now: number): void {
  const drafts = readAll(storage);
  const key = String(ticketId);
  if (!text.trim()) {
    if (!(key in drafts)) return;
    delete drafts[key];
  } else {
    drafts[key] = { kind, text: text.slice(0, MAX_DRAFT_CHARS), savedAt: now };
    const keys = Object.keys(drafts);
    if (keys.length > MAX_DRAFTS) {
      keys.sort((a, b) => drafts[a].savedAt - drafts[b].savedAt);
      for (const old of keys.slice(0, keys.length - MAX_DRAFTS)) delete drafts[old];
    }
  }
  writeAll(storage, drafts);
}

export function clearDraft(storage: DraftStorage, ticketId: number): void {
  saveDraft(storage, ticketId, 'outbound', '', 0);
}
