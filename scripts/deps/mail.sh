# shellcheck shell=bash
# Part mail (src/mail/): libcurl for IMAP/SMTP, and the real servers the tests start on
# loopback through scripts/mailtest/ (Dovecot IMAP, the aiosmtpd SMTP sink).
# Sourced by scripts/install-deps.sh.
PACKAGES+=(libcurl4-openssl-dev dovecot-imapd python3-aiosmtpd)

# Installing dovecot-imapd may start the system Dovecot on ports 143/993 (where an init
# system runs). The tests start their own instance on free high ports, so the system one is
# only in the way: stop it and keep it from starting at boot. Idempotent, silent when absent.
mail_stop_system_dovecot() {
  [[ -x /usr/sbin/dovecot ]] || return 0
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
    $sudo systemctl disable --now dovecot.service dovecot.socket >/dev/null 2>&1 || true
  fi
  if command -v service >/dev/null 2>&1; then
    $sudo service dovecot stop >/dev/null 2>&1 || true
  fi
  if command -v update-rc.d >/dev/null 2>&1; then
    $sudo update-rc.d dovecot disable >/dev/null 2>&1 || true
  fi
  # Whatever is left running from the system configuration (not our test instances, whose
  # master runs with -c DIR/dovecot.conf).
  local pid
  if [[ -r /run/dovecot/master.pid ]]; then
    pid=$(cat /run/dovecot/master.pid 2>/dev/null || true)
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      $sudo kill "$pid" 2>/dev/null || true
    fi
  fi
  return 0
}
POST_INSTALL+=(mail_stop_system_dovecot)
