# shellcheck shell=bash
# Part privacy (src/privacy/): libphonenumber validates the phone numbers that the shape
# prefilter finds (NL, CN and international numbers). Sourced by scripts/install-deps.sh.
PACKAGES+=(libphonenumber-dev)
