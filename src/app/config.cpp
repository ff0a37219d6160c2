#include "app/config.hpp"

#include <cstdlib>
#include <toml++/toml.h>

namespace sp::app {

namespace {

Result<std::int64_t> parse_int(const std::string& text, const char* name, std::int64_t lo, std::int64_t hi) {
  char* end = nullptr;
  long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < lo || value > hi) {
    return invalid_input(std::string(name) + " must be an integer between " + std::to_string(lo) + " and " +
                             std::to_string(hi),
                         name);
  }
  return value;
}

Result<bool> parse_bool(const std::string& text, const char* name) {
  if (text == "1" || text == "true" || text == "yes") return true;
  if (text == "0" || text == "false" || text == "no") return false;
  return invalid_input(std::string(name) + " must be true or false", name);
}

}  // namespace

Result<void> apply_toml_file(Config& config, const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return invalid_input("cannot read configuration " + path + ": " + std::string(e.description()));
  }
  for (const auto& [key, node] : table) {
    std::string name(key.str());
    auto bad_type = [&](const char* expected) {
      return invalid_input(path + ": '" + name + "' must be " + expected, name);
    };
    if (name == "listen") {
      if (!node.is_string()) return bad_type("a string");
      config.listen = *node.value<std::string>();
    } else if (name == "data") {
      if (!node.is_string()) return bad_type("a string");
      config.data_dir = *node.value<std::string>();
    } else if (name == "public_url") {
      if (!node.is_string()) return bad_type("a string");
      config.public_url = *node.value<std::string>();
    } else if (name == "web_root") {
      if (!node.is_string()) return bad_type("a string");
      config.web_root = *node.value<std::string>();
    } else if (name == "demo") {
      if (!node.is_boolean()) return bad_type("true or false");
      config.demo = *node.value<bool>();
    } else if (name == "synchronous") {
      if (!node.is_string()) return bad_type("a string");
      config.synchronous = *node.value<std::string>();
    } else if (name == "io_threads") {
      if (!node.is_integer()) return bad_type("an integer");
      config.io_threads = static_cast<int>(*node.value<std::int64_t>());
    } else if (name == "workers") {
      if (!node.is_integer()) return bad_type("an integer");
      config.worker_threads = static_cast<int>(*node.value<std::int64_t>());
    } else if (name == "max_body_bytes") {
      if (!node.is_integer()) return bad_type("an integer");
      config.max_body_bytes = static_cast<std::size_t>(*node.value<std::int64_t>());
    } else if (name == "log_level") {
      if (!node.is_string()) return bad_type("a string");
      config.log_level = *node.value<std::string>();
    } else if (name == "log_format") {
      if (!node.is_string()) return bad_type("a string");
      config.log_format = *node.value<std::string>();
    } else if (name == "secure_cookies") {
      if (!node.is_boolean()) return bad_type("true or false");
      config.secure_cookies = *node.value<bool>();
    } else if (name == "smtp") {
      auto* smtp = node.as_table();
      if (smtp == nullptr) return bad_type("a table");
      for (const auto& [smtp_key, value] : *smtp) {
        std::string field = "smtp." + std::string(smtp_key.str());
        auto text = value.value<std::string>();
        if (!text) return invalid_input(path + ": '" + field + "' must be a string", field);
        if (smtp_key == "url") {
          config.smtp.url = *text;
        } else if (smtp_key == "user") {
          config.smtp.user = *text;
        } else if (smtp_key == "password") {
          config.smtp.password = *text;
        } else if (smtp_key == "password_env") {
          const char* secret = std::getenv(text->c_str());
          config.smtp.password = secret != nullptr ? secret : "";
        } else {
          return invalid_input(path + ": unknown setting '" + field + "'", field);
        }
      }
    } else if (name == "mail_desk") {
      auto* desks = node.as_array();
      if (desks == nullptr) return bad_type("an array of tables ([[mail_desk]])");
      for (std::size_t idx = 0; idx < desks->size(); ++idx) {
        auto* desk_table = (*desks)[idx].as_table();
        std::string prefix = "mail_desk[" + std::to_string(idx) + "]";
        if (desk_table == nullptr) return invalid_input(path + ": '" + prefix + "' must be a table", prefix);
        MailDeskConfig desk;
        for (const auto& [desk_key, value] : *desk_table) {
          std::string field = prefix + "." + std::string(desk_key.str());
          if (desk_key == "poll_seconds") {
            auto seconds = value.value<std::int64_t>();
            if (!seconds || *seconds < 1 || *seconds > 3600) {
              return invalid_input(path + ": '" + field + "' must be 1..3600", field);
            }
            desk.poll_seconds = static_cast<int>(*seconds);
            continue;
          }
          if (desk_key == "aliases") {
            auto* list = value.as_array();
            if (list == nullptr) return invalid_input(path + ": '" + field + "' must be a list", field);
            for (const auto& alias : *list) {
              auto text = alias.value<std::string>();
              if (!text) return invalid_input(path + ": '" + field + "' must list strings", field);
              desk.aliases.push_back(*text);
            }
            continue;
          }
          auto text = value.value<std::string>();
          if (!text) return invalid_input(path + ": '" + field + "' must be a string", field);
          if (desk_key == "tenant") {
            desk.tenant = *text;
          } else if (desk_key == "address") {
            desk.address = *text;
          } else if (desk_key == "display_name") {
            desk.display_name = *text;
          } else if (desk_key == "imap_url") {
            desk.imap_url = *text;
          } else if (desk_key == "imap_user") {
            desk.imap_user = *text;
          } else if (desk_key == "imap_password") {
            desk.imap_password = *text;
          } else if (desk_key == "imap_password_env") {
            const char* secret = std::getenv(text->c_str());
            desk.imap_password = secret != nullptr ? secret : "";
          } else if (desk_key == "imap_mailbox") {
            desk.imap_mailbox = *text;
          } else {
            return invalid_input(path + ": unknown setting '" + field + "'", field);
          }
        }
        if (desk.tenant.empty() || desk.address.empty()) {
          return invalid_input(path + ": '" + prefix + "' needs tenant and address", prefix);
        }
        config.mail_desks.push_back(std::move(desk));
      }
    } else {
      return invalid_input(path + ": unknown setting '" + name + "'", name);
    }
  }
  return {};
}

Result<void> apply_environment(Config& config) {
  auto env = [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
  if (auto v = env("SERVICEPACT_LISTEN")) config.listen = *v;
  if (auto v = env("SERVICEPACT_DATA")) config.data_dir = *v;
  if (auto v = env("SERVICEPACT_WEB_ROOT")) config.web_root = *v;
  if (auto v = env("SERVICEPACT_PUBLIC_URL")) config.public_url = *v;
  if (auto v = env("SERVICEPACT_DEMO")) {
    auto b = parse_bool(*v, "SERVICEPACT_DEMO");
    if (!b) return b.error();
    config.demo = *b;
  }
  if (auto v = env("SERVICEPACT_SYNCHRONOUS")) config.synchronous = *v;
  if (auto v = env("SERVICEPACT_IO_THREADS")) {
    auto n = parse_int(*v, "SERVICEPACT_IO_THREADS", 1, 64);
    if (!n) return n.error();
    config.io_threads = static_cast<int>(*n);
  }
  if (auto v = env("SERVICEPACT_WORKERS")) {
    auto n = parse_int(*v, "SERVICEPACT_WORKERS", 1, 1024);
    if (!n) return n.error();
    config.worker_threads = static_cast<int>(*n);
  }
  if (auto v = env("SERVICEPACT_MAX_BODY_BYTES")) {
    auto n = parse_int(*v, "SERVICEPACT_MAX_BODY_BYTES", 1024, 64 * 1024 * 1024);
    if (!n) return n.error();
    config.max_body_bytes = static_cast<std::size_t>(*n);
  }
  if (auto v = env("SERVICEPACT_LOG_LEVEL")) config.log_level = *v;
  if (auto v = env("SERVICEPACT_LOG_FORMAT")) config.log_format = *v;
  if (config.log_format != "text" && config.log_format != "json") {
    return invalid_input("log_format must be text or json", "log_format");
  }
  if (auto v = env("SERVICEPACT_SECURE_COOKIES")) {
    auto b = parse_bool(*v, "SERVICEPACT_SECURE_COOKIES");
    if (!b) return b.error();
    config.secure_cookies = *b;
  }
  return {};
}

Result<std::pair<std::string, std::uint16_t>> split_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return invalid_input("listen must be HOST:PORT, e.g. 127.0.0.1:8080", "listen");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  auto port = parse_int(listen.substr(colon + 1), "listen port", 0, 65535);
  if (!port) return port.error();
  return std::make_pair(host, static_cast<std::uint16_t>(*port));
}

}  // namespace sp::app
