import { LOCALE_TAG, type Language } from './i18n';

const UNITS: Record<Language, { d: string; h: string; m: string; lessThanMinute: string; sep: string }> = {
  en: { d: 'd', h: 'h', m: 'm', lessThanMinute: '<1m', sep: ' ' },
  nl: { d: 'd', h: 'u', m: 'm', lessThanMinute: '<1m', sep: ' ' },
  zh: { d: '天', h: '小时', m: '分钟', lessThanMinute: '不到1分钟', sep: '' },
};

/** A compact duration such as "2d 3h", "3h 05m", "12m" (magnitude only; sign is the caller's). */
export function formatDuration(ms: number, lang: Language): string {
  const u = UNITS[lang];
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  if (totalMinutes < 1) return u.lessThanMinute;
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) return `${days}${u.d}${u.sep}${hours}${u.h}`;
  if (hours > 0) return `${hours}${u.h}${u.sep}${String(minutes).padStart(2, '0')}${u.m}`;
  return `${minutes}${u.m}`;
}

export interface Countdown {
  overdue: boolean;
  /** The duration, without "due in"/"overdue by" (the caller's translation adds those). */
  text: string;
  /** Milliseconds until the next change of the shown text, for scheduling a re-render. */
  nextChangeMs: number;
}

export function countdown(dueMs: number, nowMs: number, lang: Language): Countdown {
  const diff = dueMs - nowMs;
  const overdue = diff <= 0;
  const intoMinute = Math.abs(diff) % 60_000;
  return {
    overdue,
    text: formatDuration(diff, lang),
    nextChangeMs: overdue ? 60_000 - intoMinute : intoMinute || 60_000,
  };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Date and time in the user's own time zone (the browser's), in the chosen language. */
export function formatDateTime(iso: string | null | undefined, lang: Language, timeZone?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const key = `${lang}|${timeZone ?? ''}`;
  let fmt = formatters.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(LOCALE_TAG[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone });
    formatters.set(key, fmt);
  }
  return fmt.format(date);
}

export function parseTime(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Language, style: 'decimal' | 'percent', digits: number): Intl.NumberFormat {
  const key = `${lang}|${style}|${digits}`;
  let fmt = numberFormats.get(key);
  if (!fmt) {
    fmt = new Intl.NumberFormat(LOCALE_TAG[lang], { style, maximumFractionDigits: digits });
    numberFormats.set(key, fmt);
  }
  return fmt;
}

/** A number in the user's language ("1.234,5" in Dutch); '' for null/NaN. */
export function formatNumber(value: number | null | undefined, lang: Language, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return numberFormat(lang, 'decimal', digits).format(value);
}

/** A share 0..1 as a percentage ("85.3%"); '' for null/NaN. */
export function formatPercent(share: number | null | undefined, lang: Language, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '';
  return numberFormat(lang, 'percent', digits).format(share);
}

/** A duration in seconds: "45 s" under a minute, else formatDuration's "3h 05m". */
export function formatSeconds(seconds: number | null | undefined, lang: Language): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
  if (Math.abs(seconds) < 60) return `${Math.round(Math.abs(seconds))}${lang === 'zh' ? '秒' : ' s'}`;
  return formatDuration(seconds * 1000, lang);
}

/** For chart axes, in the user's zone: the time ("09:30") or the short day ("Tue 24"). */
export function formatShortTime(iso: string, lang: Language, part: 'time' | 'day' = 'time', timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const key = `short-${part}|${lang}|${timeZone ?? ''}`;
  let fmt = formatters.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(
      LOCALE_TAG[lang],
      part === 'time' ? { hour: '2-digit', minute: '2-digit', timeZone } : { weekday: 'short', day: 'numeric', timeZone },
    );
    formatters.set(key, fmt);
  }
  return fmt.format(date);
}

/** A date without time ("23 Nov 2026") in the user's zone. */
export function formatDate(iso: string | Date, lang: Language, timeZone?: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return '';
  const key = `date|${lang}|${timeZone ?? ''}`;
  let fmt = formatters.get(key);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(LOCALE_TAG[lang], { dateStyle: 'medium', timeZone });
    formatters.set(key, fmt);
  }
  return fmt.format(date);
}

/** A month and year ("October 2026") in `timeZone` (the report's), in the user's language. */
export function formatMonth(iso: string, lang: Language, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const key = `month|${lang}|${timeZone ?? ''}`;
  let fmt = formatters.get(key);
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat(LOCALE_TAG[lang], { month: 'long', year: 'numeric', timeZone });
    } catch {
      fmt = new Intl.DateTimeFormat(LOCALE_TAG[lang], { month: 'long', year: 'numeric' });
    }
    formatters.set(key, fmt);
  }
  return fmt.format(date);
}
