// Server configuration. Precedence, highest first: command-line flags, environment
// variables (SERVICEPACT_*), the TOML file (--config, $SERVICEPACT_CONFIG, or
// ./servicepact.toml when present), built-in defaults. No file is needed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace sp::app {

// One tenant's e-mail desk ([[mail_desk]] in the TOML file). Without imap_url, mail
// arrives only through `servicepact mail-gateway`.
struct MailDeskConfig {
  std::string tenant;   // slug
  std::string address;  // the desk's address
  std::string display_name;
  std::vector<std::string> aliases;
  std::string imap_url;  // imap://host:143 or imaps://host
  std::string imap_user;
  std::string imap_password;  // or imap_password_env naming an environment variable
  std::string imap_mailbox = "INBOX";
  int poll_seconds = 30;
};

struct SmtpConfig {  // [smtp]; no url: replies and acknowledgements stay queued
  std::string url;   // smtp://host:25, smtps://host:465
  std::string user;
  std::string password;
};

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string data_dir = "./data";
  bool demo = false;
  std::string web_root = "web/dist";  // built web pages; missing folder = API only
  std::string public_url;             // base of links in mail (portal sign-in); default http://<listen>
  std::string synchronous = "FULL";   // SQLite durability: FULL (power-safe) or NORMAL
  int io_threads = 2;
  int worker_threads = 16;
  std::size_t max_body_bytes = 1024 * 1024;
  std::string log_level = "info";
  std::string log_format = "text";  // text, or json: one JSON object per line
  bool secure_cookies = false;
  std::vector<MailDeskConfig> mail_desks;
  SmtpConfig smtp;
};

// Applies the TOML file at `path` onto `config`; unknown keys are errors.
Result<void> apply_toml_file(Config& config, const std::string& path);
// Applies SERVICEPACT_LISTEN, _DATA, _DEMO, _SYNCHRONOUS, _IO_THREADS, _WORKERS,
// _MAX_BODY_BYTES, _LOG_LEVEL, _SECURE_COOKIES, _WEB_ROOT, _PUBLIC_URL.
Result<void> apply_environment(Config& config);
// Splits "HOST:PORT" ("[::1]:8080" for IPv6).
Result<std::pair<std::string, std::uint16_t>> split_listen(const std::string& listen);

}  // namespace sp::app
