import { describe, expect, it } from 'vitest';
import { emitSignal, newestMessageId, onSignal, parseSignal } from '../src/lib/signals';

describe('signals', () => {
  it('hands stream signals to every listener until it stops listening', () => {
    const seen: string[] = [];
    const stop = onSignal((event, data) => seen.push(`${event}:${data.ticket_id}`));
    emitSignal('presence', { ticket_id: 7 });
    stop();
    emitSignal('presence', { ticket_id: 8 });
    expect(seen).toEqual(['presence:7']);
  });

  it('reads signal data and survives garbage', () => {
    expect(parseSignal('{"id":3,"ticket_id":9,"kind":"mentioned"}')).toEqual({ id: 3, ticket_id: 9, kind: 'mentioned' });
    expect(parseSignal('not json')).toEqual({});
  });

  it('finds the newest message a composer saw', () => {
    expect(newestMessageId([{ id: 4 }, { id: 11 }, { id: 9 }])).toBe(11);
    expect(newestMessageId([])).toBeUndefined();
  });
});
