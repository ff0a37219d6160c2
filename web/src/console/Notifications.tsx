// The bell (issue 17): the agent's unread count, live from the stream (`event: notification`),
// and their notifications in a list; opening one opens its ticket and marks it read. A browser
// notification is shown for new ones when the person allowed it.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../lib/api';
import { onSignal } from '../lib/signals';
import { routeHash } from '../lib/route';
import { formatDateTime } from '../lib/time';
import { useI18n } from '../lib/ui';

export interface AgentNotification {
  id: number;
  ticket_id: number;
  kind: string;
  message: string;
  created_at: string;
  read: boolean;
}

const KINDS = ['assigned_to_me', 'mentioned', 'customer_replied', 'sla_at_risk', 'sla_breached', 'escalation'];

export function Notifications({ client }: { client: ApiClient }) {
  const { t, lang } = useI18n();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<AgentNotification[]>([]);
  const openRef = useRef(open);
  openRef.current = open;

  const kindLabel = (kind: string) => (KINDS.includes(kind) ? t(`notify.kind.${kind}` as 'notify.kind.mentioned') : kind);

  const loadCount = useCallback(() => {
    client
      .get<{ unread: number }>('/api/v1/notifications/unread-count')
      .then((c) => setUnread(c.unread))
      .catch(() => undefined);
  }, [client]);
  const loadList = useCallback(() => {
    client
      .get<{ items: AgentNotification[] }>('/api/v1/notifications?limit=20')
      .then((p) => setItems(p.items))
      .catch(() => undefined);
  }, [client]);

  useEffect(() => {
    loadCount();
    const timer = setInterval(loadCount, 60_000); // the stream may be down
    const stop = onSignal((event, data) => {
      if (event !== 'notification') return;
      loadCount();
      if (openRef.current) loadList();
      if (data.kind && data.kind !== 'sla' && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        try {
          new Notification('servicepact', { body: `${kindLabel(data.kind)} · T-${data.ticket_id ?? ''}` });
        } catch {
          // some browsers only allow notifications from a service worker
        }
      }
    });
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [loadCount, loadList]);

  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next) {
      loadList();
      if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
    }
  };
  const visit = (n: AgentNotification) => {
    if (!n.read) {
      void client.post(`/api/v1/notifications/${n.id}/read`, {}).then(loadCount).catch(() => undefined);
      setItems((list) => list.map((x) => (x.id === n.id ? { ...x, read: true } : x)));
    }
    setOpen(false);
    location.hash = routeHash({ page: 'queue', ticket: n.ticket_id });
  };
  const readAll = () => {
    void client
      .post('/api/v1/notifications/read-all', {})
      .then(() => {
        setUnread(0);
        setItems((list) => list.map((x) => ({ ...x, read: true })));
      })
      .catch(() => undefined);
  };

  // The accessible name holds the visible count ("99+" too).
  const shownCount = unread >= 100 ? '99+' : String(unread);
  return (
    <div class="notify">
      <button type="button" class="notify-bell" aria-expanded={open} aria-controls="notify-list" onClick={toggle}
        aria-label={t('notify.bell', { count: shownCount })}>
        <svg class="notify-icon" aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
          <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
        </svg>
        {unread > 0 && <span class="notify-count" data-testid="notify-count">{shownCount}</span>}
      </button>
      {open && (
        <div id="notify-list" class="notify-list" role="region" aria-label={t('notify.title')}>
          <div class="notify-head">
            <h2>{t('notify.title')}</h2>
            <button type="button" onClick={readAll} disabled={unread === 0}>
              {t('notify.readAll')}
            </button>
          </div>
          {items.length === 0 ? (
            <p>{t('notify.empty')}</p>
          ) : (
            <ul>
              {items.map((n) => (
                <li key={n.id} class={n.read ? 'notify-item' : 'notify-item unread'}>
                  <button type="button" onClick={() => visit(n)}>
                    <span class="notify-kind">{kindLabel(n.kind)}</span> <span class="notify-ticket">T-{n.ticket_id}</span>
                    {!n.read && <span class="sr-only"> ({t('notify.unread')})</span>}
                    <br />
                    <time dateTime={n.created_at}>{formatDateTime(n.created_at, lang)}</time>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
