#!/usr/bin/env bash
# Installs what is missing, builds twice (AddressSanitizer + UndefinedBehaviorSanitizer,
# then the optimised build that ships) and runs every test with CTest in both (mail tests
# start Dovecot and an SMTP sink on loopback themselves); then the web pages' unit tests
# (Vitest) and end-to-end tests in Debian's chromium against the optimised binary.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
jobs=$(nproc)

echo "== sanitizer build (ASan + UBSan) =="
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSP_SANITIZE=ON -DSP_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs" --timeout 600

echo "== optimised build =="
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSP_BUILD_BENCH=ON >/dev/null
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure -j "$jobs" --timeout 600

echo "== web: unit tests (Vitest) =="
(cd web && npm test --silent)

echo "== web: end-to-end tests (Playwright + chromium + axe) =="
scripts/e2e.sh build/src/app/servicepact
