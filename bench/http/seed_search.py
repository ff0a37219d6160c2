#!/usr/bin/env python3
"""Fill a servicepact database with many tickets to search (issue 17, full-text search).

    seed_search.py DB TICKETS TENANT_ID NOW_MS

Each ticket gets a subject and one or two messages in its customer's language (nl, en or zh,
the customers made through the API), built from a fixed vocabulary: four common words and a
dozen others per language, and every ticket carries its own order number (one ticket each).
With the customers spread over the three languages, each common word is in about 8 % of the
tickets, each other word in about 3 %. Statuses, priorities and assignees in realistic
shares. Deterministic (fixed random seed).

The rows are written with plain SQL, so the full-text triggers of migration 20 run with a
stand-in sp_search_terms that stores no terms; the seeded ids are then put in the index's
backfill range, and the server indexes them with the real terms (src/search) in the
background at its next start, a batch per transaction, as it would after an upgrade.
"""
import random
import sqlite3
import sys

NL = {
    "common": ["factuur", "levering", "pakket", "bestelling"],
    "medium": ["retour", "beschadigd", "wachtwoord", "abonnement", "storing", "adres", "korting",
               "terugbetaling", "monteur", "contract", "verhuizing", "router"],
    "subjects": ["Vraag over mijn {w}", "{w} klopt niet", "Probleem met {w}", "{w} nog niet ontvangen"],
    "bodies": ["Goedemiddag, mijn {w} van vorige week is nog steeds niet in orde. Kunt u kijken naar {v}?",
               "Ik heb twee keer gebeld over de {w}. Het gaat om {v}, graag snel een antwoord.",
               "Beste klantenservice, de {w} is niet goed gegaan en ik wacht op {v}."],
    "reply": "Dank voor uw bericht, we kijken ernaar en laten het u weten.",
}
EN = {
    "common": ["invoice", "delivery", "parcel", "order"],
    "medium": ["refund", "damaged", "password", "subscription", "outage", "address", "discount",
               "cancellation", "engineer", "contract", "moving", "router"],
    "subjects": ["Question about my {w}", "{w} is wrong", "Problem with {w}", "{w} not received"],
    "bodies": ["Hello, my {w} from last week is still not sorted. Could you look at the {v}?",
               "I called twice about the {w}. It is about the {v}, please answer soon.",
               "Dear support, the {w} went wrong and I am waiting for the {v}."],
    "reply": "Thank you for your message, we are looking into it.",
}
ZH = {
    "common": ["发票", "快递", "包裹", "订单"],
    "medium": ["退款", "损坏", "密码", "订阅", "故障", "地址", "折扣", "取消", "维修", "合同", "搬家", "路由器"],
    "subjects": ["关于我的{w}", "{w}有问题", "{w}还没收到", "{w}错误"],
    "bodies": ["你好，我上周的{w}还没有处理好。请帮我看看{v}。", "我已经打了两次电话询问{w}，是关于{v}的，请尽快回复。"],
    "reply": "谢谢您的留言，我们正在处理。",
}
LANGUAGES = {"nl": NL, "en": EN, "zh": ZH}


def words(vocabulary, rng):
    # Mostly one of the four common words, now and then another.
    w = rng.choice(vocabulary["common"]) if rng.random() < 0.9 else rng.choice(vocabulary["medium"])
    v = rng.choice(vocabulary["medium"])
    return w, v


def main() -> None:
    db, total, tenant, now_ms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(17)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.create_function("sp_search_terms", 2, lambda text, language: "", deterministic=True)
    agents = [r[0] for r in conn.execute("SELECT id FROM agents WHERE tenant_id = ? ORDER BY id", (tenant,))]
    customers = [(r[0], r[1]) for r in
                 conn.execute("SELECT id, language FROM customers WHERE tenant_id = ? ORDER BY id", (tenant,))]
    if not agents or not customers:
        sys.exit("seed_search.py: expected agents and customers in the tenant")
    first_ticket = (conn.execute("SELECT MAX(id) FROM tickets").fetchone()[0] or 0) + 1
    next_ticket = first_ticket
    next_message = (conn.execute("SELECT MAX(id) FROM messages").fetchone()[0] or 0) + 1
    ten_days = 10 * 24 * 3600 * 1000
    statuses = ["new"] * 15 + ["open"] * 30 + ["pending"] * 10 + ["on_hold"] * 5 + ["solved"] * 30 + ["closed"] * 10
    priorities = ["low"] * 20 + ["normal"] * 60 + ["high"] * 15 + ["urgent"] * 5
    tickets, messages = [], []

    def flush():
        conn.executemany(
            "INSERT INTO tickets(id, tenant_id, subject, status, priority, channel, category, tags, team_id, "
            "assignee_id, requester_id, created_at, updated_at, solved_at, version) "
            "VALUES(?, ?, ?, ?, ?, 'email', '', '', NULL, ?, ?, ?, ?, ?, 1)", tickets)
        conn.executemany(
            "INSERT INTO messages(id, ticket_id, tenant_id, kind, author_type, author_id, body, created_at) "
            "VALUES(?, ?, ?, ?, ?, ?, ?, ?)", messages)
        conn.commit()
        tickets.clear()
        messages.clear()

    for _ in range(total):
        customer, language = rng.choice(customers)
        vocabulary = LANGUAGES.get(language, EN)
        w, v = words(vocabulary, rng)
        created = now_ms - ten_days + (next_ticket - first_ticket) * ten_days // total
        status = rng.choice(statuses)
        subject = rng.choice(vocabulary["subjects"]).format(w=w)
        subject = subject[0].upper() + subject[1:]
        body = rng.choice(vocabulary["bodies"]).format(w=w, v=v) + f" #{next_ticket:07d}"
        assignee = None if rng.random() < 0.3 else rng.choice(agents)
        tickets.append((next_ticket, tenant, subject, status, rng.choice(priorities), assignee, customer, created,
                        created + 60_000, created + 3_600_000 if status in ("solved", "closed") else None))
        messages.append((next_message, next_ticket, tenant, "inbound", "customer", customer, body, created))
        next_message += 1
        if assignee and rng.random() < 0.5:
            messages.append((next_message, next_ticket, tenant, "outbound", "agent", assignee, vocabulary["reply"],
                             created + 60_000))
            next_message += 1
        next_ticket += 1
        if len(tickets) == 20000:
            flush()
    flush()
    # The real terms come from the server's backfill (migration 20's range, widened to the seed).
    conn.execute("INSERT OR REPLACE INTO search_backfill(id, next_id, last_id) VALUES(1, "
                 "COALESCE((SELECT MIN(next_id, ?) FROM search_backfill WHERE id = 1), ?), ?)",
                 (first_ticket, first_ticket, next_ticket - 1))
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


if __name__ == "__main__":
    main()
