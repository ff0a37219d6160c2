#!/usr/bin/env bash
# Delivers one raw RFC 5322 message from stdin into USER's MAILBOX (default INBOX) of the
# Dovecot started by scripts/mailtest/start.sh DIR, creating the mailbox when missing.
# The bytes are stored as given (8-bit and binary content included).
#   scripts/mailtest/deliver.sh DIR desk@telnet-nl.test [INBOX] < message.eml
# Other doveadm commands work the same way, e.g. to force a new UIDVALIDITY:
#   doveadm -c DIR/dovecot.conf mailbox update -u USER --uid-validity N INBOX
set -euo pipefail
if [[ $# -lt 2 || $# -gt 3 ]]; then
  echo "usage: $0 DIR USER [MAILBOX] < message" >&2
  exit 64
fi
dir=$1 user=$2 mailbox=${3:-INBOX}
conf="$dir/dovecot.conf"
if [[ "$mailbox" != "INBOX" ]]; then
  doveadm -c "$conf" mailbox create -u "$user" "$mailbox" 2>/dev/null || true
fi
exec doveadm -c "$conf" save -u "$user" -m "$mailbox"
