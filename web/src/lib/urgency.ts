import type { ClockCycle, Priority, Ticket, TicketSla } from './types';
import { parseTime } from './time';

export type SlaState = 'breached' | 'at_risk' | 'ok' | 'paused' | 'met' | 'none';

export interface SlaSummary {
  state: SlaState;
  /** Earliest due time of the clocks that decide `state`, in ms since the epoch. */
  dueMs?: number;
  target?: string;
}

const STATE_ORDER: Record<SlaState, number> = { breached: 0, at_risk: 1, ok: 2, paused: 3, met: 4, none: 5 };

/** Summarises a ticket's SLA clocks at `nowMs`: the worst state and its earliest due time. */
export function summarizeClocks(clocks: readonly ClockCycle[], nowMs: number): SlaSummary {
  let best: SlaSummary = { state: 'none' };
  for (const clock of clocks) {
    const due = parseTime(clock.due_at);
    const atRisk = parseTime(clock.at_risk_at);
    let state: SlaState;
    if (clock.state === 'breached' || (clock.state === 'running' && due !== undefined && due <= nowMs)) {
      state = 'breached';
    } else if (clock.state === 'running') {
      state = atRisk !== undefined && atRisk <= nowMs ? 'at_risk' : 'ok';
    } else if (clock.state === 'paused') {
      state = 'paused';
    } else {
      state = 'met';
    }
    const better =
      STATE_ORDER[state] < STATE_ORDER[best.state] ||
      (state === best.state && due !== undefined && (best.dueMs === undefined || due < best.dueMs));
    if (better) best = { state, dueMs: state === 'met' ? undefined : due, target: clock.target };
  }
  return best;
}

export function summarizeSla(sla: TicketSla | undefined, nowMs: number): SlaSummary | undefined {
  if (!sla) return undefined;
  if (!sla.policy && sla.clocks.length === 0) return { state: 'none' };
  return summarizeClocks(sla.clocks, nowMs);
}

/** Due time carried on a list item, when the API includes one. */
export function listedDue(ticket: Ticket): number | undefined {
  return parseTime(ticket.sla?.due_at ?? ticket.sla_due_at ?? ticket.due_at ?? null);
}

/** The SLA state from a queue row's own summary, when it has one with a due time. */
export function summarizeListed(ticket: Ticket, nowMs: number): SlaSummary | undefined {
  const due = listedDue(ticket);
  if (due === undefined) return undefined;
  const breached = ticket.sla?.breached ?? ticket.sla_breached ?? false;
  const atRisk = ticket.sla?.at_risk ?? ticket.sla_at_risk ?? false;
  const state: SlaState = breached || due <= nowMs ? 'breached' : atRisk ? 'at_risk' : 'ok';
  return { state, dueMs: due };
}

export const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

export interface UrgencyKey {
  /** Earliest running due time (ms); undefined when unknown or no SLA applies. */
  dueMs?: number;
  /** Position in the server's due-ordered answer; undefined for tickets it did not order. */
  rank?: number;
  priority: Priority;
  createdMs: number;
  id: number;
}

/**
 * Queue order: earliest due first (overdue naturally first), tickets without a known due
 * time after those with one; then the server's own order; then by priority and age (the
 * oldest first), which is also the whole order when no SLA applies.
 */
export function compareUrgency(a: UrgencyKey, b: UrgencyKey): number {
  const ad = a.dueMs ?? Number.POSITIVE_INFINITY;
  const bd = b.dueMs ?? Number.POSITIVE_INFINITY;
  if (ad !== bd) return ad < bd ? -1 : 1;
  const ar = a.rank ?? Number.POSITIVE_INFINITY;
  const br = b.rank ?? Number.POSITIVE_INFINITY;
  if (ar !== br) return ar < br ? -1 : 1;
  const ap = PRIORITY_RANK[a.priority] ?? 9;
  const bp = PRIORITY_RANK[b.priority] ?? 9;
  if (ap !== bp) return ap - bp;
  if (a.createdMs !== b.createdMs) return a.createdMs - b.createdMs;
  return a.id - b.id;
}

export function urgencyKey(ticket: Ticket, rank?: number): UrgencyKey {
  return {
    dueMs: listedDue(ticket),
    rank,
    priority: ticket.priority,
    createdMs: parseTime(ticket.created_at) ?? 0,
    id: ticket.id,
  };
}

/** Sorts tickets by urgency; `ranks` maps ticket id to its place in the server's answer. */
export function sortByUrgency(tickets: readonly Ticket[], ranks?: ReadonlyMap<number, number>): Ticket[] {
  const keyed = tickets.map((t) => ({ t, k: urgencyKey(t, ranks?.get(t.id)) }));
  keyed.sort((x, y) => compareUrgency(x.k, y.k));
  return keyed.map((x) => x.t);
}
