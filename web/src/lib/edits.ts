// Ticket field changes in the console are made on an explicit Apply, never on a select's
// change (one arrow key once raised a priority or solved a ticket). Apply waits UNDO_MS
// before it sends, so Undo takes a change back before anything happened (solving a ticket
// mails the customer a survey; an undo after the fact could not call that back).
import type { Priority, Status, Ticket } from './types';

export interface FieldEdits {
  status: Status;
  priority: Priority;
  assignee_id: number | null;
}

export type FieldPatch = Partial<FieldEdits>;

export function editsOf(ticket: Ticket): FieldEdits {
  return { status: ticket.status, priority: ticket.priority, assignee_id: ticket.assignee_id ?? null };
}

/** The fields the agent changed relative to the ticket: what Apply sends. */
export function patchOf(ticket: Ticket, edits: FieldEdits): FieldPatch {
  const current = editsOf(ticket);
  const patch: FieldPatch = {};
  if (edits.status !== current.status) patch.status = edits.status;
  if (edits.priority !== current.priority) patch.priority = edits.priority;
  if (edits.assignee_id !== current.assignee_id) patch.assignee_id = edits.assignee_id;
  return patch;
}

export function isEmptyPatch(patch: FieldPatch): boolean {
  return Object.keys(patch).length === 0;
}

/** How long an applied change waits, undoable, before it is sent. */
export const UNDO_MS = 5_000;
