import { describe, expect, it } from 'vitest';
import { countdown, formatDateTime, formatDuration } from '../src/lib/time';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('formatDuration', () => {
  it('shows minutes, hours with padded minutes, days with hours', () => {
    expect(formatDuration(12 * MIN, 'en')).toBe('12m');
    expect(formatDuration(3 * HOUR + 5 * MIN, 'en')).toBe('3h 05m');
    expect(formatDuration(2 * DAY + 3 * HOUR + 59 * MIN, 'en')).toBe('2d 3h');
  });
  it('says less than a minute for tiny durations', () => {
    expect(formatDuration(59_999, 'en')).toBe('<1m');
    expect(formatDuration(0, 'en')).toBe('<1m');
  });
  it('uses the magnitude of negative durations', () => {
    expect(formatDuration(-(90 * MIN), 'en')).toBe('1h 30m');
  });
  it('is localised', () => {
    expect(formatDuration(3 * HOUR + 5 * MIN, 'nl')).toBe('3u 05m');
    expect(formatDuration(2 * DAY + 3 * HOUR, 'zh')).toBe('2天3小时');
    expect(formatDuration(45 * MIN, 'zh')).toBe('45分钟');
  });
});

describe('countdown', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  it('counts down to a future due time', () => {
    const c = countdown(now + 2 * HOUR + 30_000, now, 'en');
    expect(c).toMatchObject({ overdue: false, text: '2h 00m' });
    expect(c.nextChangeMs).toBe(30_000);
  });
  it('is overdue at and after the due time', () => {
    expect(countdown(now, now, 'en').overdue).toBe(true);
    expect(countdown(now - 3 * DAY, now, 'en')).toMatchObject({ overdue: true, text: '3d 0h' });
  });
});

describe('formatDateTime', () => {
  it('formats in the given zone and language', () => {
    const iso = '2026-11-23T12:00:00Z';
    expect(formatDateTime(iso, 'en', 'Europe/Amsterdam')).toContain('13:00');
    expect(formatDateTime(iso, 'zh', 'Asia/Shanghai')).toContain('20:00');
    expect(formatDateTime(iso, 'nl', 'Europe/Amsterdam')).toMatch(/23 nov/);
  });
  it('returns an empty string for missing or bad input', () => {
    expect(formatDateTime(null, 'en')).toBe('');
    expect(formatDateTime('not a date', 'en')).toBe('');
  });
});
