# shellcheck shell=bash
# Part sla (src/sla/): libical parses iCalendar holiday files (calendar import).
# Sourced by scripts/install-deps.sh.
PACKAGES+=(libical-dev)
