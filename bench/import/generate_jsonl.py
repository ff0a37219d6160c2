#!/usr/bin/env python3
"""Writes a neutral-format export (docs/IMPORT.md) of N tickets for the import benchmark:
2 teams, 20 agents, N/10 customers, and per ticket an inbound message, an agent reply, a note
on every fifth, and a status change to solved on three in four (the rest stay open).
Deterministic (seeded), so runs compare.

  bench/import/generate_jsonl.py [--tickets 100000] > tickets.jsonl
"""
import argparse
import json
import random
import sys
from datetime import datetime, timedelta, timezone


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(16)
    out = sys.stdout
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)

    def t(moment):
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def put(record):
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")

    for team in ("g1", "g2"):
        put({"kind": "team", "external_id": team, "name": "Team " + team, "created_at": t(start)})
    for agent in range(20):
        put({"kind": "agent", "external_id": f"a{agent}", "name": f"Agent {agent}",
             "email": f"agent{agent}@bench.example", "team": "g1" if agent < 10 else "g2",
             "created_at": t(start)})
    customers = max(1, args.tickets // 10)
    for customer in range(customers):
        put({"kind": "customer", "external_id": f"c{customer}", "name": f"Klant {customer} 客户",
             "emails": [f"c{customer}@example.nl"], "created_at": t(start)})
    span = 365 * 24 * 3600
    for ticket in range(args.tickets):
        created = start + timedelta(seconds=span * ticket // args.tickets)
        agent = f"a{rng.randrange(20)}"
        tid = f"t{ticket}"
        solved = ticket % 4 != 0
        put({"kind": "ticket", "external_id": tid, "subject": f"Vraag {ticket}: factuur klopt niet",
             "status": "solved" if solved else "open", "priority": rng.choice(["low", "normal", "high"]),
             "tags": ["bench"], "team": "g1" if agent < "a10" else "g2", "assignee": agent,
             "requester": f"c{rng.randrange(customers)}", "created_at": t(created)})
        put({"kind": "message", "external_id": f"{tid}-1", "ticket": tid, "direction": "inbound",
             "author_type": "customer", "author": f"c{ticket % customers}",
             "body": "Mijn factuur van deze maand is te hoog. 我的发票不对。", "created_at": t(created)})
        reply = created + timedelta(minutes=rng.randrange(5, 240))
        if ticket % 5 == 0:
            put({"kind": "message", "external_id": f"{tid}-n", "ticket": tid, "direction": "note",
                 "author_type": "agent", "author": agent, "body": "Intern: navragen bij billing.",
                 "created_at": t(reply - timedelta(minutes=1))})
        put({"kind": "message", "external_id": f"{tid}-2", "ticket": tid, "direction": "outbound",
             "author_type": "agent", "author": agent, "body": "Wij hebben de factuur gecorrigeerd.",
             "created_at": t(reply)})
        if solved:
            put({"kind": "status_change", "ticket": tid, "to": "solved", "author_type": "agent",
                 "author": agent, "at": t(reply + timedelta(minutes=2))})


if __name__ == "__main__":
    main()
