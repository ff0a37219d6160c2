// Signals from the live stream besides ticket changes (issue 17): `event: notification` (a new
// notification for this agent, or SLA notices fired in the tenant) and `event: presence` (who is
// on a ticket changed). App's stream hands them here; the bell and the presence strip listen.

export type SignalData = { ticket_id?: number; id?: number; kind?: string };
export type SignalHandler = (event: string, data: SignalData) => void;

const handlers = new Set<SignalHandler>();

export function onSignal(handler: SignalHandler): () => void {
  handlers.add(handler);
  return () => {
    handlers.delete(handler);
  };
}

export function emitSignal(event: string, data: SignalData): void {
  for (const handler of handlers) handler(event, data);
}

export function parseSignal(text: string): SignalData {
  try {
    const parsed = JSON.parse(text) as SignalData;
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** The id of the newest message a composer saw (what `if_no_reply_since` sends). */
export function newestMessageId(messages: { id: number }[]): number | undefined {
  let newest: number | undefined;
  for (const m of messages) if (newest === undefined || m.id > newest) newest = m.id;
  return newest;
}
