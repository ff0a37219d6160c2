// Collision detection in the ticket view (issue 17): a heartbeat every 15 s says this agent is
// viewing or replying; the strip names the other agents on the ticket, refreshed when the
// stream says presence changed (`event: presence`). CollisionWarning is what the composer
// shows when the server answered 409 reply-collision, with "send anyway".
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../lib/api';
import { onSignal } from '../lib/signals';
import { useI18n } from '../lib/ui';

interface Present {
  agent_id: number;
  name: string;
  state: 'viewing' | 'replying';
  since: string;
}

const HEARTBEAT_MS = 15_000;

export function PresenceStrip({ client, ticketId, replying }: { client: ApiClient; ticketId: number; replying: boolean }) {
  const { t } = useI18n();
  const [others, setOthers] = useState<Present[]>([]);

  useEffect(() => {
    const load = () =>
      client
        .get<{ items: Present[] }>(`/api/v1/tickets/${ticketId}/presence`)
        .then((p) => setOthers(p.items))
        .catch(() => undefined);
    load();
    const timer = setInterval(load, HEARTBEAT_MS);
    const stop = onSignal((event, data) => {
      if (event === 'presence' && data.ticket_id === ticketId) load();
    });
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [client, ticketId]);

  useEffect(() => {
    const beat = () =>
      void client.post(`/api/v1/tickets/${ticketId}/presence`, { state: replying ? 'replying' : 'viewing' }).catch(() => undefined);
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [client, ticketId, replying]);

  // Leaving the ticket: others stop seeing us at once rather than after 30 s.
  useEffect(() => () => void client.request('DELETE', `/api/v1/tickets/${ticketId}/presence`).catch(() => undefined), [client, ticketId]);

  if (others.length === 0) return null;
  return (
    <p class="presence" role="status" data-testid="presence">
      {others.map((o) => t(o.state === 'replying' ? 'presence.replying' : 'presence.viewing', { name: o.name })).join(' · ')}
    </p>
  );
}

export function CollisionWarning({ onSendAnyway, onCancel }: { onSendAnyway: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div class="notice notice-warning collision" role="alert" data-testid="collision">
      <p>{t('presence.collision')}</p>
      <button type="button" class="primary" onClick={onSendAnyway}>
        {t('presence.sendAnyway')}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
