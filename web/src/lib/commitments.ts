// Commitments (issue 18) in the console: the API's shape, the order of "my commitments" (due
// time first), which are overdue, and the due time an agent types (a datetime-local value in
// their own zone) turned into the RFC 3339 instant the API takes. Pure: `now` is passed in.
import type { Channel } from './types';

export type CommitmentState = 'open' | 'kept' | 'broken' | 'cancelled';
export const COMMITMENT_STATES: CommitmentState[] = ['open', 'kept', 'broken', 'cancelled'];
export const MAX_COMMITMENT_WHAT = 500;
export const MAX_COMMITMENT_NOTE = 2000;

export interface Commitment {
  id: number;
  ticket_id: number;
  agent_id: number;
  what: string;
  due_at: string;
  remind_at: string;
  channel: Channel;
  source: 'manual' | 'conduct' | 'callback';
  state: CommitmentState;
  created_at: string;
  kept_at: string | null;
  broken_at: string | null;
  cancelled_at: string | null;
  reminded_at: string | null;
  note: string;
}

/** Open and past its due time: the job will mark it broken at its next pass. */
export function isOverdue(c: Pick<Commitment, 'state' | 'due_at'>, now: number): boolean {
  return c.state === 'open' && Date.parse(c.due_at) < now;
}

/** Due time order (earliest first), ties by id: the order the API lists them in. */
export function byDue<T extends Pick<Commitment, 'due_at' | 'id'>>(list: T[]): T[] {
  return list.slice().sort((a, b) => Date.parse(a.due_at) - Date.parse(b.due_at) || a.id - b.id);
}

/**
 * A datetime-local value ("2026-12-08T14:30") read in the viewer's own zone, as RFC 3339 UTC;
 * null when it is not a time. `Date` reads such a value as local time, which is the viewer's.
 */
export function dueInstant(localValue: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(localValue)) return null;
  const at = new Date(localValue);
  return Number.isNaN(at.getTime()) ? null : at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The datetime-local value for an instant in the viewer's zone (a form's default). */
export function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A sensible default due time: the next full hour at least an hour from now. */
export function defaultDue(now: number): string {
  const d = new Date(now + 60 * 60 * 1000);
  d.setMinutes(0, 0, 0);
  d.setHours(d.getHours() + 1);
  return localInputValue(d.getTime());
}
