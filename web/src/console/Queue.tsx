import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Customer, Ticket } from '../lib/types';
import type { SlaSummary } from '../lib/urgency';
import { computeWindow, scrollToReveal } from '../lib/virtual';
import { useI18n } from '../lib/ui';
import { SlaBadge } from './SlaBadge';

export const ROW_HEIGHT = 64;

export function QueueList({
  tickets,
  selected,
  openId,
  now,
  customerOf,
  slaOf,
  onSelect,
  onOpen,
  onVisible,
}: {
  tickets: Ticket[];
  selected: number;
  openId: number | null;
  now: number;
  customerOf: (id: number | undefined) => Customer | undefined;
  slaOf: (ticket: Ticket) => SlaSummary | undefined;
  onSelect: (index: number) => void;
  onOpen: (id: number) => void;
  onVisible: (start: number, end: number) => void;
}) {
  const { t } = useI18n();
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 600);
    measure();
    const observer = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(measure) : null;
    observer?.observe(el);
    return () => observer?.disconnect();
  }, []);

  // Keep the selected row in view when j/k move it.
  useEffect(() => {
    const el = viewport.current;
    if (!el || selected < 0) return;
    const target = scrollToReveal(selected, el.scrollTop, el.clientHeight, ROW_HEIGHT);
    if (target !== null) el.scrollTop = target;
  }, [selected]);

  const win = computeWindow({ scrollTop, viewportHeight: height, rowHeight: ROW_HEIGHT, count: tickets.length, overscan: 8 });

  useEffect(() => {
    const timer = setTimeout(() => onVisible(win.start, win.end), 120);
    return () => clearTimeout(timer);
  }, [win.start, win.end, tickets]);

  const rows = [];
  for (let index = win.start; index < win.end; index++) {
    const ticket = tickets[index];
    const customer = customerOf(ticket.requester_id);
    const classes = ['queue-row', `prio-${ticket.priority}`];
    if (index === selected) classes.push('selected');
    if (ticket.id === openId) classes.push('open');
    rows.push(
      <div
        key={ticket.id}
        id={`queue-row-${ticket.id}`}
        role="option"
        class={classes.join(' ')}
        aria-selected={index === selected}
        aria-posinset={index + 1}
        aria-setsize={tickets.length}
        data-ticket-id={ticket.id}
        onClick={() => {
          onSelect(index);
          onOpen(ticket.id);
        }}
      >
        <div class="row-line">
          <span class="row-ref">{ticket.reference ?? `T-${ticket.id}`}</span>
          <span class="row-subject">{ticket.subject}</span>
        </div>
        <div class="row-line row-meta">
          <SlaBadge summary={slaOf(ticket)} now={now} />
          <span class="row-customer">{ticket.requester_name ?? customer?.name ?? ''}</span>
          <span class={`chip prio prio-${ticket.priority}`}>{t(`priority.${ticket.priority}`)}</span>
          <span class="chip">{t(`status.${ticket.status}`)}</span>
          <span class="chip">{t(`channel.${ticket.channel}`)}</span>
        </div>
      </div>,
    );
  }

  // Only point at a row that is rendered (the selection may have been scrolled out of the window).
  const active = selected >= win.start && selected < win.end ? `queue-row-${tickets[selected].id}` : undefined;

  return (
    <div
      ref={viewport}
      class="queue-viewport"
      role="listbox"
      tabIndex={0}
      aria-label={t('queue.label')}
      aria-activedescendant={active}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
    >
      <div class="queue-spacer" role="presentation" style={{ height: `${win.totalHeight}px` }}>
        <div class="queue-window" role="presentation" style={{ transform: `translateY(${win.offsetY}px)` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
