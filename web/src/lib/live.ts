// Live updates: Server-Sent Events (`event: ticket`, data {ticket_id, version, change});
// the browser reconnects by itself and sends Last-Event-ID. When the server refuses the
// stream (an older server without it, or a signed-out session) we fall back to polling.

import type { StreamEvent } from './types';

export type LiveMode = 'connecting' | 'live' | 'polling';

export interface LiveOptions {
  url: string;
  onEvent: (event: StreamEvent) => void;
  onMode?: (mode: LiveMode) => void;
  /** `event: resync`: events were missed; reload everything. */
  onResync?: () => void;
  /** `event: notification` / `event: presence` (issue 17): handed on with their data. */
  onSignal?: (event: string, data: string) => void;
  /** Called every `pollMs` while the stream is unavailable. */
  poll: () => Promise<void> | void;
  pollMs?: number;
}

export function parseStreamData(data: string): StreamEvent | null {
  try {
    const parsed = JSON.parse(data) as Partial<StreamEvent>;
    if (typeof parsed.ticket_id !== 'number') return null;
    return { ticket_id: parsed.ticket_id, version: parsed.version, change: parsed.change ?? 'updated' };
  } catch {
    return null;
  }
}

export function startLive(options: LiveOptions): () => void {
  const pollMs = options.pollMs ?? 10_000;
  let stopped = false;
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const schedulePoll = () => {
    if (stopped) return;
    timer = setTimeout(async () => {
      try {
        await options.poll();
      } catch {
        // the next round tries again
      }
      schedulePoll();
    }, pollMs);
  };

  const connect = () => {
    if (stopped) return;
    options.onMode?.('connecting');
    if (typeof EventSource === 'undefined') {
      options.onMode?.('polling');
      schedulePoll();
      return;
    }
    source = new EventSource(options.url, { withCredentials: true });
    source.addEventListener('open', () => {
      if (timer) clearTimeout(timer);
      timer = null;
      options.onMode?.('live');
    });
    source.addEventListener('ticket', (e) => {
      const event = parseStreamData((e as MessageEvent<string>).data);
      if (event) options.onEvent(event);
    });
    source.addEventListener('resync', () => options.onResync?.());
    for (const name of ['notification', 'presence']) {
      source.addEventListener(name, (e) => options.onSignal?.(name, (e as MessageEvent<string>).data));
    }
    source.addEventListener('error', () => {
      if (!source || source.readyState !== EventSource.CLOSED) return; // the browser retries
      source = null;
      options.onMode?.('polling');
      if (!timer) schedulePoll();
      // Try the stream again later (the server may have been upgraded or restarted).
      retry = setTimeout(connect, 60_000);
    });
  };

  connect();
  return () => {
    stopped = true;
    source?.close();
    if (timer) clearTimeout(timer);
    if (retry) clearTimeout(retry);
  };
}
