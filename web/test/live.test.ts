import { describe, expect, it } from 'vitest';
import { parseStreamData } from '../src/lib/live';

describe('parseStreamData', () => {
  it('reads a ticket event', () => {
    expect(parseStreamData('{"ticket_id":7,"version":3,"change":"message"}')).toEqual({ ticket_id: 7, version: 3, change: 'message' });
  });
  it('ignores malformed data', () => {
    expect(parseStreamData('nope')).toBeNull();
    expect(parseStreamData('{"version":1}')).toBeNull();
  });
});
