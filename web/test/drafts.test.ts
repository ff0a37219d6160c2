import { describe, expect, it } from 'vitest';
import { clearDraft, loadDraft, MAX_DRAFT_CHARS, MAX_DRAFTS, saveDraft, type DraftStorage } from '../src/lib/drafts';

function memory(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('drafts per ticket', () => {
  it('keeps a draft per ticket and its kind', () => {
    const s = memory();
    saveDraft(s, 1, 'outbound', 'Beste Jan,', 10);
    saveDraft(s, 2, 'note', '客户很着急', 11);
    expect(loadDraft(s, 1)).toEqual({ kind: 'outbound', text: 'Beste Jan,', savedAt: 10 });
    expect(loadDraft(s, 2)?.kind).toBe('note');
    expect(loadDraft(s, 3)).toBeNull();
  });

  it('removes a draft that is emptied or sent', () => {
    const s = memory();
    saveDraft(s, 1, 'outbound', 'x', 1);
    saveDraft(s, 1, 'outbound', '   ', 2);
    expect(loadDraft(s, 1)).toBeNull();
    saveDraft(s, 1, 'outbound', 'y', 3);
    clearDraft(s, 1);
    expect(loadDraft(s, 1)).toBeNull();
    expect(s.data.size).toBe(0);
  });

  it('drops the oldest drafts beyond the limit and cuts very long ones', () => {
    const s = memory();
    for (let id = 1; id <= MAX_DRAFTS + 5; id++) saveDraft(s, id, 'outbound', `draft ${id}`, id);
    expect(loadDraft(s, 1)).toBeNull();
    expect(loadDraft(s, 5)).toBeNull();
    expect(loadDraft(s, 6)?.text).toBe('draft 6');
    expect(loadDraft(s, MAX_DRAFTS + 5)?.text).toBe(`draft ${MAX_DRAFTS + 5}`);
    saveDraft(s, 1, 'note', 'a'.repeat(MAX_DRAFT_CHARS + 10), 999);
    expect(loadDraft(s, 1)?.text.length).toBe(MAX_DRAFT_CHARS);
  });

  it('survives broken or foreign storage contents', () => {
    const s = memory();
    s.data.set('servicepact.drafts', '{not json');
    expect(loadDraft(s, 1)).toBeNull();
    s.data.set('servicepact.drafts', JSON.stringify({ 1: { kind: 'script', text: 'x' } }));
    expect(loadDraft(s, 1)).toBeNull();
    saveDraft(s, 2, 'outbound', 'ok', 1);
    expect(loadDraft(s, 2)?.text).toBe('ok');
  });

  it('does not throw when storage refuses to write', () => {
    const s = memory();
    s.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(() => saveDraft(s, 1, 'outbound', 'x', 1)).not.toThrow();
  });
});
