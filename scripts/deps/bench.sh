# shellcheck shell=bash
# Benchmarks (bench/): bench/sla/business_hours_compare.sh runs RT's Business::Hours (Perl)
# side by side with `servicepact calc business-time`. Sourced by scripts/install-deps.sh.
PACKAGES+=(libbusiness-hours-perl)
