#!/usr/bin/python3
"""SMTP sink for tests: accepts everything on loopback and writes each message to a file.

Usage: smtp_sink.py HOST PORT SPOOL_DIR [PORT_FILE]

With PORT 0 the kernel picks a free port; it is written to PORT_FILE once the sink listens
(so no other process can take it in between).

Every accepted message becomes SPOOL_DIR/<n>.eml (the DATA bytes exactly as received) and
SPOOL_DIR/<n>.json ({"mail_from": ..., "rcpt_tos": [...]}), written to a temporary name and
renamed, so a reader never sees half a message. Recipients whose local part starts with
"reject-permanent" are refused with 550 and "reject-temporary" with 451, so clients can test
how they classify failures.
"""
import asyncio
import itertools
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class SpoolHandler:
    def __init__(self, spool_dir):
        self.spool_dir = spool_dir
        existing = [int(name.split(".")[0]) for name in os.listdir(spool_dir)
                    if name.endswith(".eml") and name.split(".")[0].isdigit()]
        self.counter = itertools.count(max(existing, default=0) + 1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("reject-permanent"):
            return "550 5.1.1 mailbox unavailable (test sink)"
        if local.startswith("reject-temporary"):
            return "451 4.3.0 try again later (test sink)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        seq = next(self.counter)
        base = os.path.join(self.spool_dir, str(seq))
        content = envelope.original_content if envelope.original_content is not None \
            else envelope.content
        with open(base + ".json.tmp", "w", encoding="utf-8") as meta:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, meta)
        with open(base + ".eml.tmp", "wb") as body:
            body.write(content)
        os.rename(base + ".json.tmp", base + ".json")
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 OK queued as %d" % seq


async def main():
    host, port, spool_dir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    port_file = sys.argv[4] if len(sys.argv) > 4 else None
    os.makedirs(spool_dir, exist_ok=True)
    handler = SpoolHandler(spool_dir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, decode_data=False, enable_SMTPUTF8=True,
                     data_size_limit=64 * 1024 * 1024, hostname="sink.test"),
        host=host, port=port)
    if port_file:
        with open(port_file + ".tmp", "w", encoding="ascii") as out:
            out.write("%d\n" % server.sockets[0].getsockname()[1])
        os.rename(port_file + ".tmp", port_file)
    # Runs until killed: SIGTERM's default action ends it at once, which is safe because
    # every message is complete on disk (renamed into place) or absent.
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
