import { describe, expect, it } from 'vitest';
import { clampIndex, computeWindow, scrollToReveal } from '../src/lib/virtual';

describe('computeWindow', () => {
  it('renders only the rows in view plus overscan', () => {
    const w = computeWindow({ scrollTop: 0, viewportHeight: 640, rowHeight: 64, count: 5000, overscan: 5 });
    expect(w).toEqual({ start: 0, end: 15, offsetY: 0, totalHeight: 320_000 });
  });

  it('follows the scroll position', () => {
    const w = computeWindow({ scrollTop: 64 * 1000 + 10, viewportHeight: 640, rowHeight: 64, count: 5000, overscan: 5 });
    expect(w.start).toBe(995);
    expect(w.end).toBe(1016);
    expect(w.offsetY).toBe(995 * 64);
  });

  it('never renders past the end, even when over-scrolled', () => {
    const w = computeWindow({ scrollTop: 10_000_000, viewportHeight: 640, rowHeight: 64, count: 5000, overscan: 5 });
    expect(w.end).toBe(5000);
    expect(w.start).toBe(5000 - 10 - 5);
  });

  it('keeps the DOM small for 5,000 rows at any position', () => {
    for (let top = 0; top < 5000 * 64; top += 7919) {
      const w = computeWindow({ scrollTop: top, viewportHeight: 900, rowHeight: 64, count: 5000, overscan: 8 });
      expect(w.end - w.start).toBeLessThanOrEqual(Math.ceil(900 / 64) + 1 + 16);
      expect(w.start).toBeGreaterThanOrEqual(0);
      expect(w.end).toBeLessThanOrEqual(5000);
    }
  });

  it('handles an empty list and short lists', () => {
    expect(computeWindow({ scrollTop: 0, viewportHeight: 500, rowHeight: 64, count: 0 })).toEqual({
      start: 0,
      end: 0,
      offsetY: 0,
      totalHeight: 0,
    });
    expect(computeWindow({ scrollTop: 0, viewportHeight: 500, rowHeight: 64, count: 3 })).toMatchObject({ start: 0, end: 3 });
  });
});

describe('scrollToReveal', () => {
  it('returns null when the row is fully visible', () => {
    expect(scrollToReveal(3, 0, 640, 64)).toBeNull();
  });
  it('scrolls up to a row above the view', () => {
    expect(scrollToReveal(2, 640, 640, 64)).toBe(128);
  });
  it('scrolls down just enough for a row below the view', () => {
    expect(scrollToReveal(10, 0, 640, 64)).toBe(64);
  });
});

describe('clampIndex', () => {
  it('keeps the selection inside the list', () => {
    expect(clampIndex(-1, 10)).toBe(0);
    expect(clampIndex(12, 10)).toBe(9);
    expect(clampIndex(4, 10)).toBe(4);
    expect(clampIndex(0, 0)).toBe(-1);
  });
});
