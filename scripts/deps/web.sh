# shellcheck shell=bash
# Part web (web/): the agent console and customer portal (TypeScript, Vite, Preact).
# Sourced by scripts/install-deps.sh (and scripts/e2e.sh for web_build).
# Needs Node.js with npm (machines of this project have Node 20 from the image; a bare
# Debian 12 gets Debian's nodejs + npm) and Debian's chromium for the end-to-end tests
# (Playwright drives /usr/bin/chromium; it never downloads a browser of its own).
PACKAGES+=(chromium fonts-wqy-microhei)
if ! command -v npm >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
fi

SP_WEB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../web" && pwd)"

# npm ci when node_modules is missing or older than the lockfile; then vite build when
# web/dist is missing or older than any source. Quiet unless something is done or fails.
web_build() {
  local dir="$SP_WEB_DIR" log
  [[ -f "$dir/package-lock.json" ]] || return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-deps: npm is missing; web/ not built" >&2
    return 1
  fi
  log="$(mktemp)"
  if [[ ! -f "$dir/node_modules/.package-lock.json" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    echo "install-deps: npm ci in web/"
    if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      return 1
    fi
  fi
  local stale=""
  if [[ ! -f "$dir/dist/index.html" || ! -f "$dir/dist/portal.html" ]]; then
    stale="missing"
  else
    stale="$(find "$dir/src" "$dir/index.html" "$dir/portal.html" "$dir/vite.config.ts" "$dir/tsconfig.json" \
      "$dir/package-lock.json" -newer "$dir/dist/index.html" -print -quit 2>/dev/null || true)"
  fi
  if [[ -n "$stale" ]]; then
    echo "install-deps: building web/ (vite)"
    if ! (cd "$dir" && npm run build) >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      return 1
    fi
  fi
  rm -f "$log"
  return 0
}
POST_INSTALL+=(web_build)
