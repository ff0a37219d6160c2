#!/usr/bin/env bash
# The main job: install what is missing, build, and serve the demo helpdesk on embedded
# SQLite (data in ./data, http://127.0.0.1:8080/). Extra arguments go to `serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DSP_BUILD_BENCH=OFF >/dev/null
cmake --build build --target servicepact
exec ./build/src/app/servicepact serve --demo "$@"
