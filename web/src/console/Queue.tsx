import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatDuration, parseTime } from '../lib/time';
import type { Customer, Ticket } from '../lib/types';
import type { SlaSummary } from '../lib/urgency';
import { computeWindow, scrollToReveal } from '../lib/virtual';
import { useI18n } from '../lib/ui';
import { SlaBadge } from './SlaBadge';

/** Dense rows of two short lines: about 13 at 1280x720 (there were six), also on a phone. */
export const ROW_HEIGHT = 46;

export function QueueList({
  tickets,
  selected,
  openId,
  now,
  customerOf,
  assigneeName,
  slaOf,
  onSelect,
  onOpen,
  onVisible,
  checked,
  onCheck,
}: {
  tickets: Ticket[];
  selected: number;
  openId: number | null;
  now: number;
  customerOf: (id: number | undefined) => Customer | undefined;
  assigneeName: (id: number | null | undefined) => string | undefined;
  slaOf: (ticket: Ticket) => SlaSummary | undefined;
  onSelect: (index: number) => void;
  onOpen: (id: number) => void;
  onVisible: (start: number, end: number) => void;
  /** The tickets checked for a bulk action (Space or the box toggles one). */
  checked: ReadonlySet<number>;
  onCheck: (id: number) => void;
}) {
  const { t, lang } = useI18n();
  const rowHeight = ROW_HEIGHT;
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
    const target = scrollToReveal(selected, el.scrollTop, el.clientHeight, rowHeight);
    if (target !== null) el.scrollTop = target;
  }, [selected]);

  const win = computeWindow({ scrollTop, viewportHeight: height, rowHeight, count: tickets.length, overscan: 8 });

  useEffect(() => {
    const timer = setTimeout(() => onVisible(win.start, win.end), 120);
    return () => clearTimeout(timer);
  }, [win.start, win.end, tickets]);

  const rows = [];
  for (let index = win.start; index < win.end; index++) {
    const ticket = tickets[index];
    const customer = customerOf(ticket.requester_id);
    const assignee = assigneeName(ticket.assignee_id);
    const created = parseTime(ticket.created_at);
    // The customer wrote last and waits for us (solved or closed tickets wait for nobody).
    const replied = ticket.last_message?.kind === 'inbound' && ticket.status !== 'solved' && ticket.status !== 'closed';
    const classes = ['queue-row', `prio-${ticket.priority}`];
    if (index === selected) classes.push('selected');
    if (ticket.id === openId) classes.push('open');
    const isChecked = checked.has(ticket.id);
    if (isChecked) classes.push('checked');
    rows.push(
      <div
        key={ticket.id}
        id={`queue-row-${ticket.id}`}
        role="option"
        class={classes.join(' ')}
        aria-selected={index === selected}
        aria-checked={isChecked}
        aria-posinset={index + 1}
        aria-setsize={tickets.length}
        data-ticket-id={ticket.id}
        onClick={() => {
          onSelect(index);
          onOpen(ticket.id);
        }}
      >
        {/* The option itself carries the checked state (aria-checked); a real checkbox inside
            an option would be a nested control. The box is its visible, clickable face. */}
        <span
          class="row-check"
          aria-hidden="true"
          onClick={(e) => {
            e.stopPropagation();
            onCheck(ticket.id);
          }}
        />
        <span class="row-ref">{ticket.reference ?? `T-${ticket.id}`}</span>
        <span class="row-replied">
          {replied && (
            <span class="replied-dot" title={t('queue.customerReplied')}>
              <span class="sr-only">{t('queue.customerReplied')}</span>
            </span>
          )}
        </span>
        <span class="row-subject">{ticket.subject}</span>
        <span class="row-age" title={t('queue.age')}>
          {created !== undefined ? formatDuration(now - created, lang) : ''}
        </span>
        <span class="row-meta">
          <SlaBadge summary={slaOf(ticket)} now={now} compact />
          <span class="row-customer">{ticket.requester_name ?? customer?.name ?? ''}</span>
          <span class={assignee ? 'row-assignee' : 'row-assignee nobody'}>{assignee ?? t('queue.nobody')}</span>
          {(ticket.priority === 'urgent' || ticket.priority === 'high') && (
            <span class={`chip prio prio-${ticket.priority}`}>{t(`priority.${ticket.priority}`)}</span>
          )}
          <span class="chip row-status">{t(`status.${ticket.status}`)}</span>
        </span>
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
      onKeyDown={(e) => {
        if (e.key !== ' ' || e.ctrlKey || e.metaKey || e.altKey) return;
        if (selected < 0 || selected >= tickets.length) return;
        e.preventDefault();
        onCheck(tickets[selected].id);
      }}
    >
      <div class="queue-spacer" role="presentation" style={{ height: `${win.totalHeight}px` }}>
        <div class="queue-window" role="presentation" style={{ transform: `translateY(${win.offsetY}px)` }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
