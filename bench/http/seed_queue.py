#!/usr/bin/env python3
"""Fill a servicepact database with many tickets for the queue benchmark (issue 17).

    seed_queue.py DB TICKETS TENANT_ID NOW_MS

Two real tickets made through the API are the templates: the one with a single inbound
message (id TEMPLATE_NEW) and the one an agent answered (TEMPLATE_ANSWERED), both in the
tenant. Their rows in tickets, messages and ticket_events are copied TICKETS times with new
ids, spread creation times over the last 10 days, statuses in realistic shares (40 %
solved or closed), and assignees and requesters drawn from the tenant's agents and
customers. The server's own SLA engine then computes every clock at its next start.
Deterministic (fixed random seed) so two runs compare the same data.
"""
import random
import sqlite3
import sys


def main() -> None:
    db, total, tenant, now_ms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(17)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    # The full-text triggers (migration 20) call the server's sp_search_terms: these copies
    # are not searched, so they are indexed without terms.
    conn.create_function("sp_search_terms", 2, lambda text, language: "", deterministic=True)
    agents = [r[0] for r in conn.execute("SELECT id FROM agents WHERE tenant_id = ? ORDER BY id", (tenant,))]
    customers = [r[0] for r in conn.execute("SELECT id FROM customers WHERE tenant_id = ? ORDER BY id", (tenant,))]
    templates = [r[0] for r in conn.execute("SELECT id FROM tickets WHERE tenant_id = ? ORDER BY id", (tenant,))]
    if len(templates) != 2 or not agents or not customers:
        sys.exit("seed_queue.py: expected 2 template tickets, agents and customers in the tenant")

    def columns(table):
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]

    ticket_cols, message_cols, event_cols = columns("tickets"), columns("messages"), columns("ticket_events")
    rows = {}
    for tid in templates:
        rows[tid] = (
            dict(zip(ticket_cols, conn.execute("SELECT * FROM tickets WHERE id = ?", (tid,)).fetchone())),
            [dict(zip(message_cols, m)) for m in conn.execute("SELECT * FROM messages WHERE ticket_id = ? ORDER BY id", (tid,))],
            [dict(zip(event_cols, e)) for e in conn.execute("SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY seq", (tid,))],
        )
    next_ticket = conn.execute("SELECT MAX(id) FROM tickets").fetchone()[0] + 1
    next_message = conn.execute("SELECT MAX(id) FROM messages").fetchone()[0] + 1

    def insert(table, cols, batch):
        if batch:
            conn.executemany(f"INSERT INTO {table}({','.join(cols)}) VALUES ({','.join('?' * len(cols))})",
                             [[r[c] for c in cols] for r in batch])

    ten_days = 10 * 24 * 3600 * 1000
    statuses = ["new"] * 15 + ["open"] * 30 + ["pending"] * 10 + ["on_hold"] * 5 + ["solved"] * 30 + ["closed"] * 10
    tickets, messages, events = [], [], []
    for n in range(total):
        template = templates[1] if rng.random() < 0.35 else templates[0]
        ticket, t_messages, t_events = rows[template]
        base = ticket["created_at"]
        created = now_ms - rng.randrange(ten_days)
        shift = created - base
        status = rng.choice(statuses)
        if template == templates[0] and status in ("pending", "on_hold"):
            status = "open"  # waiting on the customer only after an answer
        t = dict(ticket)
        t.update(id=next_ticket, created_at=created, updated_at=ticket["updated_at"] + shift, status=status,
                 subject=f"Order {next_ticket} did not arrive", requester_id=rng.choice(customers),
                 assignee_id=None if rng.random() < 0.3 else rng.choice(agents),
                 solved_at=created + 3600_000 if status in ("solved", "closed") else None)
        tickets.append(t)
        mapping = {}
        for m in t_messages:
            copy = dict(m)
            mapping[m["id"]] = next_message
            copy.update(id=next_message, ticket_id=next_ticket, created_at=m["created_at"] + shift)
            messages.append(copy)
            next_message += 1
        for e in t_events:
            copy = dict(e)
            copy.update(ticket_id=next_ticket, at=e["at"] + shift,
                        message_id=mapping.get(e["message_id"], e["message_id"]))
            events.append(copy)
        if status != ticket["status"]:
            events.append(dict(t_events[-1], seq=len(t_events) + 1, ticket_id=next_ticket, type="status_changed",
                               at=t["updated_at"], field="status", from_value=ticket["status"], to_value=status,
                               message_kind=None, message_id=None))
        next_ticket += 1
        if len(tickets) == 20000:
            insert("tickets", ticket_cols, tickets)
            insert("messages", message_cols, messages)
            insert("ticket_events", event_cols, events)
            conn.commit()
            tickets, messages, events = [], [], []
    insert("tickets", ticket_cols, tickets)
    insert("messages", message_cols, messages)
    insert("ticket_events", event_cols, events)
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


if __name__ == "__main__":
    main()
