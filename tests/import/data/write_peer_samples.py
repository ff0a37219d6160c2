#!/usr/bin/env python3
"""Writes the sample exports of Zendesk, Zammad and RT under tests/import/data/<peer>/ in each
peer's documented JSON shape (docs/IMPORT.md). The same small history in all three: a Dutch
outage answered late with an internal note and a binary attachment, a Chinese invoice ticket
that was solved, reopened by the customer and solved again, a ticket merged into the first, a
deleted ticket, a pending phone question, and one malformed record each. Run it after changing
the samples' story; the tests read the files it writes.

  tests/import/data/write_peer_samples.py
"""
import base64
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
# Bytes that are not text (NUL, 0xFF, a PNG signature), checked after import.
BINARY = b"\x89PNG\r\n\x1a\n\x00\x01\x02\xfe\xffmeting\x00"
OUTAGE = "Mijn internet ligt er al sinds vanochtend uit."
NOTE = "Storing bij de wijkcentrale, monteur is onderweg."
REPLY = "Excuses voor het late antwoord: de storing is verholpen."
INVOICE = "我的发票金额不对，请帮忙核实。"
INVOICE_REPLY = "您好，已为您更正发票。"
STILL_WRONG = "还是不对。"
FIXED = "抱歉，现在已经改好了。"
INVOICE_PDF = "发票 123 元".encode()


def b64(data):
    return base64.b64encode(data if isinstance(data, bytes) else data.encode()).decode()


def write(peer, name, value):
    folder = os.path.join(HERE, peer)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "w", encoding="utf-8") as out:
        json.dump(value, out, ensure_ascii=False, indent=1)
        out.write("\n")


def write_bytes(peer, path, data):
    full = os.path.join(HERE, peer, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as out:
        out.write(data)


def zendesk():
    write("zendesk", "groups.json", {"groups": [
        {"id": 1, "name": "Klantenservice", "created_at": "2026-01-05T08:00:00Z"},
        {"id": 2, "name": "技术支持", "created_at": "2026-01-05T08:00:00Z"}]})
    write("zendesk", "organizations.json", {"organizations": [
        {"id": 50, "name": "Bakkerij De Vries BV", "domain_names": ["bakkerij.example.nl"]},
        {"id": 51, "name": "北京科技有限公司"}]})
    write("zendesk", "users.json", {"users": [
        {"id": 10, "name": "Eva de Vries", "email": "eva@desk.example", "role": "admin", "locale": "nl",
         "default_group_id": 1, "active": True, "created_at": "2026-01-05T08:00:00Z"},
        {"id": 11, "name": "王芳", "email": "wang.fang@desk.example", "role": "agent", "locale": "zh-cn",
         "default_group_id": 2, "active": True, "created_at": "2026-01-05T08:00:00Z"},
        {"id": 20, "name": "Jan Jansen", "email": "Jan@Example.nl", "role": "end-user", "locale": "nl-NL",
         "phone": "+31 20 123 4567", "organization_id": 50, "created_at": "2026-02-01T10:00:00Z"},
        {"id": 21, "name": "李伟", "email": "li.wei@example.cn", "role": "end-user", "locale": "zh-CN",
         "organization_id": 51, "created_at": "2026-02-02T10:00:00Z"}]})
    write("zendesk", "ticket_fields.json", {"ticket_fields": [
        {"id": 360001, "type": "tagger", "title": "Category"},
        {"id": 360002, "type": "text", "title": "Contractnummer"}]})
    write_bytes("zendesk", "attachments/9001/meting.bin", BINARY)

    def change(audit, at, author, value, previous):
        return {"id": audit, "created_at": at, "author_id": author,
                "events": [{"type": "Change", "field_name": "status", "value": value, "previous_value": previous}]}

    tickets = [
        {"id": 101, "subject": "Storing glasvezel in Utrecht", "status": "solved", "priority": "high",
         "via": {"channel": "email"}, "tags": ["storing", "glasvezel"], "requester_id": 20, "assignee_id": 10,
         "group_id": 1, "organization_id": 50, "created_at": "2026-10-05T09:00:00Z",
         "updated_at": "2026-10-05T13:00:00Z",
         "custom_fields": [{"id": 360001, "value": "storing"}, {"id": 360002, "value": "C-778"}],
         "comments": [
             {"id": 1001, "type": "Comment", "author_id": 20, "body": OUTAGE, "public": True,
              "created_at": "2026-10-05T09:00:00Z", "attachments": []},
             {"id": 1002, "type": "Comment", "author_id": 10, "body": NOTE, "public": False,
              "created_at": "2026-10-05T11:30:00Z", "attachments": []},
             {"id": 1003, "type": "Comment", "author_id": 10, "body": REPLY, "public": True,
              "created_at": "2026-10-05T12:00:00Z",
              "attachments": [{"id": 9001, "file_name": "meting.bin", "content_type": "application/octet-stream",
                               "size": len(BINARY),
                               "content_url": "https://desk.zendesk.com/attachments/token/x/?name=meting.bin"}]}],
         "audits": [change(5001, "2026-10-05T13:00:00Z", 10, "solved", "open")]},
        {"id": 102, "subject": "发票金额不对", "status": "solved", "priority": "normal", "via": {"channel": "web"},
         "tags": ["billing"], "requester_id": 21, "assignee_id": 11, "group_id": 2, "organization_id": 51,
         "created_at": "2026-10-06T02:00:00Z", "updated_at": "2026-10-07T03:00:00Z",
         "comments": [
             {"id": 2001, "author_id": 21, "body": INVOICE, "public": True, "created_at": "2026-10-06T02:00:00Z"},
             {"id": 2002, "author_id": 11, "html_body": "<p>" + INVOICE_REPLY + "</p>", "public": True,
              "created_at": "2026-10-06T02:10:00Z",
              "attachments": [{"id": 9002, "file_name": "发票.pdf", "content_type": "application/pdf", "size": 2048,
                               "content_url": "https://desk.zendesk.com/attachments/token/y/?name=invoice.pdf"}]},
             {"id": 2003, "author_id": 21, "body": STILL_WRONG, "public": True, "created_at": "2026-10-07T01:00:00Z"},
             {"id": 2004, "author_id": 11, "body": FIXED, "public": True, "created_at": "2026-10-07T02:00:00Z"}],
         "audits": [change(5002, "2026-10-06T02:11:00Z", 11, "solved", "open"),
                    change(5003, "2026-10-07T01:00:00Z", 21, "open", "solved"),
                    change(5004, "2026-10-07T03:00:00Z", 11, "solved", "open")]},
        {"id": 103, "subject": "Internet doet het weer niet", "status": "closed", "priority": "normal",
         "via": {"channel": "email"}, "tags": ["closed_by_merge"], "requester_id": 20, "assignee_id": 10,
         "group_id": 1, "created_at": "2026-10-05T10:00:00Z", "updated_at": "2026-10-05T10:30:00Z",
         "comments": [
             {"id": 3001, "author_id": 20, "body": "Nog steeds geen internet.", "public": True,
              "created_at": "2026-10-05T10:00:00Z"},
             {"id": 3002, "author_id": 10, "public": True, "created_at": "2026-10-05T10:30:00Z",
              "body": "This request was closed and merged into request #101 \"Storing glasvezel in Utrecht\"."}]},
        {"id": 104, "subject": "spam", "status": "deleted", "requester_id": 20, "created_at": "2026-10-08T10:00:00Z",
         "comments": [{"id": 4001, "author_id": 20, "body": "buy now", "public": True,
                       "created_at": "2026-10-08T10:00:00Z"}]},
        {"id": 105, "subject": "Kapotte datum", "status": "open", "requester_id": 20, "created_at": "gisteren",
         "comments": [{"id": 5001, "author_id": 20, "body": "?", "public": True, "created_at": "gisteren"}]},
        {"id": 106, "subject": "Vraag over opzegtermijn", "status": "pending", "priority": "low",
         "via": {"channel": "voice"}, "requester_id": 20, "assignee_id": 10, "group_id": 1,
         "created_at": "2026-11-17T08:00:00Z", "updated_at": "2026-11-17T08:20:00Z",
         "comments": [
             {"id": 6001, "author_id": 20, "body": "Wat is mijn opzegtermijn?", "public": True,
              "created_at": "2026-11-17T08:00:00Z"},
             {"id": 6002, "author_id": 10, "body": "Kunt u uw klantnummer sturen?", "public": True,
              "created_at": "2026-11-17T08:20:00Z"}],
         "audits": [change(5006, "2026-11-17T08:20:00Z", 10, "pending", "open")]},
    ]
    write("zendesk", "tickets.json", {"tickets": tickets, "end_time": 1795000000, "end_of_stream": True})


def zammad():
    write("zammad", "groups.json", [
        {"id": 1, "name": "Klantenservice", "active": True, "created_at": "2026-01-05T08:00:00.000Z"},
        {"id": 2, "name": "技术支持", "active": True, "created_at": "2026-01-05T08:00:00.000Z"}])
    write("zammad", "organizations.json", [{"id": 1, "name": "Bakkerij De Vries BV", "shared": True}])
    write("zammad", "users.json", [
        {"id": 1, "login": "-", "firstname": "-", "lastname": "", "email": "", "role_ids": [],
         "created_at": "2026-01-01T00:00:00.000Z"},
        {"id": 2, "login": "eva@desk.example", "firstname": "Eva", "lastname": "de Vries",
         "email": "eva@desk.example", "role_ids": [1, 2], "group_ids": {"1": ["full"]}, "active": True,
         "preferences": {"locale": "nl-nl"}, "created_at": "2026-01-05T08:00:00.000Z"},
        {"id": 3, "login": "wang.fang@desk.example", "firstname": "王芳", "lastname": "",
         "email": "wang.fang@desk.example", "roles": ["Agent"], "group_ids": [2], "active": True,
         "preferences": {"locale": "zh-cn"}, "created_at": "2026-01-05T08:00:00.000Z"},
        {"id": 4, "login": "jan@example.nl", "firstname": "Jan", "lastname": "Jansen", "email": "Jan@Example.nl",
         "phone": "+31 20 123 4567", "organization_id": 1, "role_ids": [3], "active": True,
         "preferences": {"locale": "nl-nl"}, "created_at": "2026-02-01T10:00:00.000Z"},
        {"id": 5, "login": "li.wei@example.cn", "firstname": "李伟", "lastname": "", "email": "li.wei@example.cn",
         "roles": ["Customer"], "active": True, "preferences": {"locale": "zh-cn"},
         "created_at": "2026-02-02T10:00:00.000Z"}])
    write("zammad", "ticket_states.json", [
        {"id": 1, "name": "new"}, {"id": 2, "name": "open"}, {"id": 3, "name": "pending reminder"},
        {"id": 4, "name": "closed"}, {"id": 5, "name": "merged"}, {"id": 6, "name": "removed"},
        {"id": 7, "name": "pending close"}])
    write("zammad", "ticket_priorities.json", [
        {"id": 1, "name": "1 low"}, {"id": 2, "name": "2 normal"}, {"id": 3, "name": "3 high"}])

    def state(entry, at, by, value_from, value_to):
        return {"id": entry, "object": "Ticket", "attribute": "state", "value_from": value_from,
                "value_to": value_to, "created_at": at, "created_by_id": by}

    tickets = [
        {"id": 1, "number": "31001", "title": "Storing glasvezel in Utrecht", "group_id": 1, "state_id": 4,
         "priority_id": 3, "customer_id": 4, "owner_id": 2, "organization_id": 1, "create_article_type_id": 1,
         "tags": ["storing", "glasvezel"], "created_at": "2026-10-05T09:00:00.000Z",
         "updated_at": "2026-10-05T13:00:00.000Z", "close_at": "2026-10-05T13:00:00.000Z",
         "history": [state(801, "2026-10-05T13:00:00.000Z", 2, "open", "closed")]},
        # The expanded form (?expand=true): names instead of ids.
        {"id": 2, "number": "31002", "title": "发票金额不对", "group_id": 2, "group": "技术支持", "state": "closed",
         "priority": "2 normal", "customer_id": 5, "owner_id": 3, "create_article_type": "web",
         "tags": ["billing"], "created_at": "2026-10-06T02:00:00.000Z", "updated_at": "2026-10-07T03:00:00.000Z",
         "close_at": "2026-10-07T03:00:00.000Z",
         "history": [state(802, "2026-10-06T02:11:00.000Z", 3, "open", "closed"),
                     state(803, "2026-10-07T01:00:00.000Z", 5, "closed", "open"),
                     state(804, "2026-10-07T03:00:00.000Z", 3, "open", "closed")]},
        {"id": 3, "number": "31003", "title": "Internet doet het weer niet", "group_id": 1, "state_id": 5,
         "priority_id": 2, "customer_id": 4, "owner_id": 2, "created_at": "2026-10-05T10:00:00.000Z",
         "updated_at": "2026-10-05T10:30:00.000Z",
         "links": [{"link_type": "parent", "link_object": "Ticket", "link_object_value": 1}]},
        {"id": 4, "number": "31004", "title": "spam", "group_id": 1, "state_id": 6, "priority_id": 2,
         "customer_id": 4, "owner_id": 1, "created_at": "2026-10-08T10:00:00.000Z"},
        {"id": 5, "number": "31005", "title": "Vraag over opzegtermijn", "group_id": 1, "state_id": 3,
         "priority_id": 1, "customer_id": 4, "owner_id": 2, "create_article_type_id": 5,
         "created_at": "2026-11-17T08:00:00.000Z", "updated_at": "2026-11-17T08:20:00.000Z",
         "history": [state(805, "2026-11-17T08:20:00.000Z", 2, "open", "pending reminder")]},
    ]
    write("zammad", "tickets.json", tickets)

    def article(aid, ticket, kind, sender, by, body, at, internal=False, **extra):
        value = {"id": aid, "ticket_id": ticket, "type": kind, "sender": sender, "created_by_id": by,
                 "body": body, "content_type": "text/plain", "internal": internal, "created_at": at}
        value.update(extra)
        return value

    articles = [
        article(11, 1, "email", "Customer", 4, OUTAGE, "2026-10-05T09:00:00.000Z"),
        article(12, 1, "email", "System", 1, "Wij hebben uw melding ontvangen.", "2026-10-05T09:00:05.000Z"),
        article(13, 1, "note", "Agent", 2, NOTE, "2026-10-05T11:30:00.000Z", internal=True),
        article(14, 1, "email", "Agent", 2, REPLY, "2026-10-05T12:00:00.000Z",
                attachments=[{"id": 71, "filename": "meting.bin", "size": str(len(BINARY)),
                              "preferences": {"Content-Type": "application/octet-stream"}, "data": b64(BINARY)}]),
        article(21, 2, "web", "Customer", 5, INVOICE, "2026-10-06T02:00:00.000Z"),
        {"id": 22, "ticket_id": 2, "type_id": 11, "sender_id": 1, "created_by_id": 3,
         "body": "<div>" + INVOICE_REPLY + "</div>", "content_type": "text/html", "internal": False,
         "created_at": "2026-10-06T02:10:00.000Z",
         "attachments": [{"id": 72, "filename": "发票.txt", "size": str(len(INVOICE_PDF)),
                          "preferences": {"Mime-Type": "text/plain"}, "data": b64(INVOICE_PDF)}]},
        article(23, 2, "web", "Customer", 5, STILL_WRONG, "2026-10-07T01:00:00.000Z"),
        article(24, 2, "web", "Agent", 3, FIXED, "2026-10-07T02:00:00.000Z"),
        article(31, 3, "email", "Customer", 4, "Nog steeds geen internet.", "2026-10-05T10:00:00.000Z"),
        article(32, 3, "email", "Agent", 2, "Dit is dezelfde storing als #31001.", "2026-10-05T10:30:00.000Z"),
        article(41, 4, "email", "Customer", 4, "buy now", "2026-10-08T10:00:00.000Z"),
        # A phone call typed in by the agent on the customer's behalf.
        article(51, 5, "phone", "Customer", 2, "Wat is mijn opzegtermijn?", "2026-11-17T08:00:00.000Z",
                origin_by_id=4),
        article(52, 5, "email", "Agent", 2, "Kunt u uw klantnummer sturen?", "2026-11-17T08:20:00.000Z"),
        article(53, 5, "note", "Robot", 2, "?", "2026-11-17T08:30:00.000Z"),
    ]
    write("zammad", "ticket_articles.json", articles)


def rt():
    def ref(kind, value):
        return {"type": kind, "id": str(value), "_url": f"https://rt.example/REST/2.0/{kind}/{value}"}

    def page(items):
        return {"count": len(items), "page": 1, "per_page": 100, "total": len(items), "items": items}

    write("rt", "queues.json", page([
        {"id": 1, "Name": "Klantenservice", "Created": "2026-01-05T08:00:00Z", "Disabled": 0},
        {"id": 3, "Name": "技术支持", "Created": "2026-01-05T08:00:00Z", "Disabled": 0}]))
    write("rt", "users.json", page([
        {"id": 1, "Name": "RT_System", "Privileged": 1, "Created": "2026-01-01T00:00:00Z"},
        {"id": 6, "Name": "Nobody", "Privileged": 0, "Created": "2026-01-01T00:00:00Z"},
        {"id": 14, "Name": "eva", "RealName": "Eva de Vries", "EmailAddress": "eva@desk.example", "Privileged": 1,
         "Lang": "nl", "Created": "2026-01-05T08:00:00Z"},
        {"id": 15, "Name": "wang", "RealName": "王芳", "EmailAddress": "wang.fang@desk.example", "Privileged": 1,
         "Lang": "zh_CN", "Created": "2026-01-05T08:00:00Z"},
        {"id": 30, "Name": "jan@example.nl", "RealName": "Jan Jansen", "EmailAddress": "Jan@Example.nl",
         "Privileged": 0, "Lang": "nl", "WorkPhone": "+31 20 123 4567", "Organization": "Bakkerij De Vries BV",
         "Created": "2026-02-01T10:00:00Z"},
        {"id": 31, "Name": "li.wei@example.cn", "RealName": "李伟", "EmailAddress": "li.wei@example.cn",
         "Privileged": 0, "Lang": "zh_CN", "Created": "2026-02-02T10:00:00Z"}]))

    def ticket(tid, subject, status, queue, owner, requestor, created, updated, resolved, priority,
               effective=None, **extra):
        value = {"id": tid, "Type": "ticket", "Subject": subject, "Status": status, "Queue": ref("queue", queue),
                 "Owner": ref("user", owner), "Requestor": [ref("user", requestor)], "Created": created,
                 "LastUpdated": updated, "Resolved": resolved, "Priority": priority,
                 "EffectiveId": ref("ticket", effective or tid)}
        value.update(extra)
        return value

    unset = "1970-01-01T00:00:00Z"
    write("rt", "tickets.json", page([
        ticket(1, "Storing glasvezel in Utrecht", "resolved", 1, "eva", "jan@example.nl", "2026-10-05T09:00:00Z",
               "2026-10-05T13:00:00Z", "2026-10-05T13:00:00Z", 100,
               CustomFields=[{"id": 2, "name": "Category", "values": ["storing"]}]),
        ticket(2, "发票金额不对", "resolved", 3, "wang", "li.wei@example.cn", "2026-10-06T02:00:00Z",
               "2026-10-07T03:00:00Z", "2026-10-07T03:00:00Z", 50),
        ticket(3, "Internet doet het weer niet", "resolved", 1, "eva", "jan@example.nl", "2026-10-05T10:00:00Z",
               "2026-10-05T10:30:00Z", "2026-10-05T10:30:00Z", 50, effective=1),
        ticket(4, "spam", "deleted", 1, "Nobody", "jan@example.nl", "2026-10-08T10:00:00Z",
               "2026-10-08T10:00:00Z", unset, 0),
        ticket(5, "Vraag over opzegtermijn", "stalled", 1, "eva", "jan@example.nl", "2026-11-17T08:00:00Z",
               "2026-11-17T08:20:00Z", unset, 0),
        ticket(6, "Aanbieding", "rejected", 1, "Nobody", "jan@example.nl", "2026-11-18T08:00:00Z",
               "2026-11-18T09:00:00Z", "2026-11-18T09:00:00Z", 0)]))

    transactions, attachments = [], []

    def txn(xid, tid, kind, creator, at, body=None, files=(), **extra):
        value = {"id": xid, "Type": kind, "Object": ref("ticket", tid), "Creator": ref("user", creator),
                 "Created": at}
        value.update(extra)
        transactions.append(value)
        if body is not None:
            attachments.append({"id": xid * 10, "TransactionId": ref("transaction", xid), "ContentType": "text/plain",
                                "Filename": "", "Subject": "", "Content": b64(body)})
        for offset, (name, kind_, data) in enumerate(files, start=1):
            attachments.append({"id": xid * 10 + offset, "TransactionId": ref("transaction", xid),
                                "ContentType": kind_, "Filename": name, "Content": b64(data)})

    def status(xid, tid, creator, at, old, new):
        txn(xid, tid, "Status", creator, at, Field="Status", OldValue=old, NewValue=new)

    txn(101, 1, "Create", "jan@example.nl", "2026-10-05T09:00:00Z", OUTAGE)
    txn(102, 1, "Comment", "eva", "2026-10-05T11:30:00Z", NOTE)
    txn(103, 1, "Correspond", "eva", "2026-10-05T12:00:00Z", REPLY,
        files=[("meting.bin", "application/octet-stream", BINARY)])
    status(104, 1, "eva", "2026-10-05T13:00:00Z", "open", "resolved")
    txn(105, 1, "Set", "eva", "2026-10-05T13:00:00Z", Field="Owner", OldValue="6", NewValue="14")
    txn(201, 2, "Create", "li.wei@example.cn", "2026-10-06T02:00:00Z", INVOICE)
    txn(202, 2, "Correspond", "wang", "2026-10-06T02:10:00Z", INVOICE_REPLY,
        files=[("发票.txt", "text/plain", INVOICE_PDF)])
    status(203, 2, "wang", "2026-10-06T02:11:00Z", "open", "resolved")
    txn(204, 2, "Correspond", "li.wei@example.cn", "2026-10-07T01:00:00Z", STILL_WRONG)
    status(205, 2, "RT_System", "2026-10-07T01:00:00Z", "resolved", "open")
    txn(206, 2, "Correspond", "wang", "2026-10-07T02:00:00Z", FIXED)
    status(207, 2, "wang", "2026-10-07T03:00:00Z", "open", "resolved")
    txn(301, 3, "Create", "jan@example.nl", "2026-10-05T10:00:00Z", "Nog steeds geen internet.")
    txn(302, 3, "Correspond", "eva", "2026-10-05T10:30:00Z", "Dit is dezelfde storing als #1.")
    txn(401, 4, "Create", "jan@example.nl", "2026-10-08T10:00:00Z", "buy now")
    txn(501, 5, "Create", "jan@example.nl", "2026-11-17T08:00:00Z", "Wat is mijn opzegtermijn?")
    txn(502, 5, "Correspond", "eva", "2026-11-17T08:20:00Z", "Kunt u uw klantnummer sturen?")
    status(503, 5, "eva", "2026-11-17T08:20:00Z", "open", "stalled")
    txn(504, 5, "Correspond", "eva", "gisteren", "?")
    txn(601, 6, "Create", "jan@example.nl", "2026-11-18T08:00:00Z", "Koop nu!")
    status(602, 6, "eva", "2026-11-18T09:00:00Z", "new", "rejected")
    write("rt", "transactions.json", page(transactions))
    write("rt", "attachments.json", page(attachments))


if __name__ == "__main__":
    zendesk()
    zammad()
    rt()
