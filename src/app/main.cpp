// servicepact: the one binary. Commands: serve, migrate, admin create, calc, report kpis,
// mail-gateway, import, version.
// The application itself is built by app/wiring (the composition root); this file reads
// flags and configuration and runs one command.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>
#include <string>

#include "app/config.hpp"
#include "app/import_cli.hpp"
#include "app/mail_runtime.hpp"
#include "app/audit_cli.hpp"
#include "app/report_cli.hpp"
#include "app/wiring.hpp"
#include "service/helpdesk.hpp"
#include "sla/calc.hpp"
#include "sla/calc_sla.hpp"
#include "storage/store.hpp"
#include "workforce/calc.hpp"

namespace {

using namespace sp;

constexpr const char* kVersion = "0.1.0";

// %* in a log pattern: the message as a JSON string body (quotes, backslashes and control
// characters escaped), so `log_format = "json"` writes one valid JSON object per line.
class JsonEscapedMessage final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    for (char c : std::string_view(msg.payload.data(), msg.payload.size())) {
      switch (c) {
        case '"':
          dest.append(std::string_view("\\\""));
          break;
        case '\\':
          dest.append(std::string_view("\\\\"));
          break;
        case '\n':
          dest.append(std::string_view("\\n"));
          break;
        case '\r':
          dest.append(std::string_view("\\r"));
          break;
        case '\t':
          dest.append(std::string_view("\\t"));
          break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            dest.append(std::string_view(buf));
          } else {
            dest.push_back(c);
          }
      }
    }
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonEscapedMessage>();
  }
};

void configure_logging(const app::Config& config) {
  spdlog::set_level(spdlog::level::from_str(config.log_level));
  if (config.log_format == "json") {
    auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    formatter->add_flag<JsonEscapedMessage>('*').set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","thread":%t,"msg":"%*"})");
    spdlog::set_formatter(std::move(formatter));
  }
}

[[noreturn]] void fail(const std::string& message, int code = 1) {
  std::cerr << "servicepact: " << message << "\n";
  std::exit(code);
}

app::Config load_config(const std::string& config_path) {
  app::Config config;
  std::string path = config_path;
  if (path.empty()) {
    if (const char* env = std::getenv("SERVICEPACT_CONFIG")) path = env;
  }
  if (path.empty() && std::filesystem::exists("servicepact.toml")) path = "servicepact.toml";
  if (!path.empty()) {
    if (auto applied = app::apply_toml_file(config, path); !applied) fail(applied.error().message);
  }
  if (auto applied = app::apply_environment(config); !applied) fail(applied.error().message);
  return config;
}

std::unique_ptr<app::Application> open_application(const app::Config& config,
                                                   app::WiringOptions options = {}) {
  auto application = app::Application::open(config, options);
  if (!application) fail(application.error().message);
  return std::move(*application);
}

int serve(const app::Config& config) {
  configure_logging(config);
  auto listen = app::split_listen(config.listen);
  if (!listen) fail(listen.error().message);
  auto application = open_application(config);
  if (config.demo) {
    auto seeded = application->seed_demo();
    if (!seeded) fail(seeded.error().message);
    spdlog::info("demo data {}: {} tenants, {} agents, {} customers, {} tickets",
                 seeded->seeded_now ? "seeded" : "already present", seeded->tenants, seeded->agents,
                 seeded->customers, seeded->tickets);
    std::cout << "Demo logins:\n";
    for (const auto& login : seeded->logins) {
      std::cout << "  " << login.email << "  password " << login.password << "  (" << login.role
                << (login.tenant_slug.empty() ? ", platform" : ", " + login.tenant_slug) << ")\n";
    }
  }
  if (auto started = application->start_background(); !started) fail(started.error().message);
  http::ServerOptions server_options;
  server_options.host = listen->first;
  server_options.port = listen->second;
  server_options.io_threads = config.io_threads;
  server_options.worker_threads = config.worker_threads;
  server_options.max_body_bytes = config.max_body_bytes;
  auto port = application->listen(server_options);
  if (!port) fail(port.error().message);
  std::string host = listen->first.find(':') != std::string::npos ? "[" + listen->first + "]" : listen->first;
  std::cout << "servicepact " << kVersion << " listening on http://" << host << ":" << *port
            << "/  (API: /api/v1, OpenAPI: /api/v1/openapi.json)" << std::endl;
  application->run(true);
  application->stop_background();
  spdlog::info("stopped: all in-flight requests answered");
  return 0;
}

// sysexits(3): what an MTA does with our answer. 75 is retried later; 65 and 67 bounce.
constexpr int kExitDataErr = 65, kExitNoUser = 67, kExitTempFail = 75;

// Reads one RFC 5322 message on stdin and ingests it like IMAP mail (Postfix pipe, Exim,
// fetchmail). Never answers 0 for a message it did not store.
int mail_gateway(const app::Config& config, const std::string& tenant_slug) {
  spdlog::set_level(spdlog::level::warn);
  constexpr std::size_t kMaxMessage = 25 * 1024 * 1024;
  std::string raw;
  raw.reserve(64 * 1024);
  char buffer[65536];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    raw.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    if (raw.size() > kMaxMessage) {
      std::cerr << "mail-gateway: message larger than 25 MiB refused\n";
      return kExitDataErr;
    }
  }
  app::WiringOptions wiring;
  wiring.max_readers = 2;
  wiring.web_pages = false;
  wiring.log_database = false;
  auto application = app::Application::open(config, wiring);
  if (!application) {
    std::cerr << "mail-gateway: " << application.error().message << "\n";
    return kExitTempFail;
  }
  storage::Store& store = (*application)->store();
  auto tenant = store.find_tenant_by_slug(tenant_slug);
  if (!tenant) {
    std::cerr << "mail-gateway: no tenant '" << tenant_slug << "'\n";
    return tenant.error().code == ErrorCode::NotFound ? kExitNoUser : kExitTempFail;
  }
  intake::MailDesk desk;
  desk.tenant = tenant->id;
  desk.address = "support@" + tenant_slug + ".invalid";
  auto desks = app::resolve_mail_desks(config, store);
  if (desks) {
    for (const auto& configured : *desks) {
      if (configured.tenant == tenant->id) desk = configured;
    }
  }
  intake::MailIntake& intake = (*application)->mail().intake();
  auto result = intake.ingest(desk, raw, "gateway");
  if (!result) {
    std::cerr << "mail-gateway: " << result.error().message << "\n";
    // A property of the message never passes, so it is refused (intake reports all of them
    // as kMailRefused); only what can pass (a locked or busy database, a full disk, a race
    // with another gateway) is worth the MTA's retries.
    bool refused =
        result.error().kind == kinds::kMailRefused || result.error().code == ErrorCode::InvalidInput;
    return refused ? kExitDataErr : kExitTempFail;
  }
  nlohmann::json out = {
      {"ticket", result->ticket ? nlohmann::json("T-" + std::to_string(result->ticket->value))
                                : nlohmann::json(nullptr)},
      {"ticket_id", result->ticket ? nlohmann::json(result->ticket->value) : nlohmann::json(nullptr)},
      {"created", result->created},
      {"duplicate", result->duplicate},
      {"bounce", result->bounce},
      {"acknowledged", result->acknowledged},
      {"automatic", result->automatic}};
  if (result->linked_to) out["linked_to"] = "T-" + std::to_string(result->linked_to->value);
  if (!result->note.empty()) out["note"] = result->note;
  std::cout << out.dump() << std::endl;
  return 0;
}

int run_calc(const std::function<std::string(std::string_view)>& calc) {
  // Unsynchronised streams: C stdio's per-character locking would cost more than the calculation.
  std::ios::sync_with_stdio(false);
  std::cin.tie(nullptr);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    std::cout << calc(line) << "\n";
  }
  std::cout.flush();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"servicepact: a customer-service platform whose promises are executable"};
  cli.require_subcommand(1);
  std::string config_path;
  cli.add_option("--config", config_path, "TOML configuration file (default: ./servicepact.toml if present)");

  std::string listen, data_dir, synchronous;
  bool demo = false;
  auto* serve_cmd = cli.add_subcommand("serve", "Run the HTTP server on embedded SQLite");
  serve_cmd->add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  serve_cmd->add_option("--data", data_dir, "data folder holding servicepact.db (default ./data)");
  serve_cmd->add_flag("--demo", demo, "seed three demo tenants with ~5,000 tickets (once)");
  std::string web_root;
  serve_cmd->add_option("--web-root", web_root, "folder of the built web pages (default web/dist)");
  serve_cmd->add_option("--synchronous", synchronous, "SQLite durability: FULL (default) or NORMAL");

  auto* migrate_cmd = cli.add_subcommand("migrate", "Apply database migrations and exit");
  migrate_cmd->add_option("--data", data_dir, "data folder (default ./data)");

  auto* admin_cmd = cli.add_subcommand("admin", "Administrative tasks");
  admin_cmd->require_subcommand(1);
  std::string email, name = "Administrator", password, tenant_slug, role = "admin";
  auto* admin_create = admin_cmd->add_subcommand("create", "Create an administrator account");
  admin_create->add_option("--email", email, "login e-mail")->required();
  admin_create->add_option("--name", name, "display name");
  admin_create->add_option("--password", password,
                           "password (or set SERVICEPACT_ADMIN_PASSWORD; min. 10 characters)");
  admin_create->add_option("--tenant", tenant_slug, "tenant slug; omit for a platform administrator");
  admin_create->add_option("--role", role, "role inside the tenant (default admin)");
  admin_create->add_option("--data", data_dir, "data folder (default ./data)");

  auto* calc_cmd = cli.add_subcommand("calc", "Calculators reading JSON lines on stdin");
  calc_cmd->require_subcommand(1);
  auto* calc_time = calc_cmd->add_subcommand(
      "business-time", "Due times and business seconds: {calendar,start,add_seconds} or {calendar,from,to}");
  auto* calc_sla = calc_cmd->add_subcommand(
      "sla", "Replay a ticket's SLA clocks: {calendar,policy,events,at} per line (see README)");
  auto* calc_staffing =
      calc_cmd->add_subcommand("staffing", "Erlang B/C/A staffing: one JSON object per line (see docs)");

  auto* gateway_cmd = cli.add_subcommand(
      "mail-gateway",
      "Ingest one RFC 5322 message from stdin (MTA pipe); exit 0, 65 (refused) or 75 (retry)");
  gateway_cmd->add_option("--tenant", tenant_slug, "tenant slug the mail is for")->required();
  gateway_cmd->add_option("--data", data_dir, "data folder (default ./data)");

  auto* report_cmd = cli.add_subcommand("report", "Reports for people at a terminal");
  report_cmd->require_subcommand(1);
  app::ReportCliOptions report_options;
  auto* report_kpis =
      report_cmd->add_subcommand("kpis", "KPI report of one tenant (exit 2: bad arguments, 1: other errors)");
  report_kpis->add_option("--tenant", report_options.tenant, "tenant slug (required)");
  report_kpis->add_option("--from", report_options.from,
                          "first day YYYY-MM-DD in the tenant's zone (required)");
  report_kpis->add_option("--to", report_options.to, "last day YYYY-MM-DD, inclusive (required)");
  report_kpis->add_option("--group-by", report_options.group_by,
                          "all (default), team, agent, channel or category");
  report_kpis->add_option("--period", report_options.period,
                          "custom (default: the whole range), day, week, month or half_year");
  report_kpis->add_option("--format", report_options.format, "table (default), json or csv");
  report_kpis->add_option("--data", data_dir, "data folder (default ./data)");

  auto* audit_cmd = cli.add_subcommand("audit", "The audit log (issue 19)");
  audit_cmd->require_subcommand(1);
  app::AuditCliOptions audit_options;
  auto* audit_verify = audit_cmd->add_subcommand(
      "verify",
      "Walk each tenant's hash chain and name the first bad entry (exit 1: broken, 2: bad arguments)");
  audit_verify->add_option("--tenant", audit_options.tenant, "tenant id (default: every tenant)");
  audit_verify->add_option("--data", data_dir, "data folder (default ./data)");

  auto* import_cmd = cli.add_subcommand(
      "import", "Import another help desk's history into a tenant (docs/IMPORT.md; exit 2: bad arguments)");
  app::ImportCliOptions import_options;
  import_cmd->add_option("--tenant", import_options.tenant, "tenant slug (created when missing)")->required();
  import_cmd->add_option("--from", import_options.from, "export format: zendesk, zammad, rt or jsonl")
      ->required();
  import_cmd->add_option("path", import_options.path, "the export: a .jsonl file or an export folder")
      ->required();
  import_cmd->add_option("--timezone", import_options.timezone,
                         "IANA zone of a tenant created here (default UTC)");
  import_cmd->add_option("--data", data_dir, "data folder (default ./data)");
  import_cmd->add_flag("--fetch-attachments", import_options.fetch_attachments,
                       "download attachments the export knows only by URL (http/https, at most 25 MiB each)");
  import_cmd->add_option(
      "--fetch-header", import_options.fetch_headers,
      "a request header for those downloads, e.g. \"Authorization: Bearer TOKEN\" (repeatable)");

  auto* version_cmd = cli.add_subcommand("version", "Print the version");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    // `report` promises exit status 2 for bad arguments (CLI11 uses its own codes).
    return code != 0 && (report_cmd->count() > 0 || import_cmd->count() > 0) ? 2 : code;
  }

  if (*version_cmd) {
    std::cout << "servicepact " << kVersion << "\n";
    return 0;
  }
  if (*calc_time) return run_calc(sp::sla::calc_business_time_line);
  if (*calc_sla) return run_calc(sp::sla::calc_sla_line);
  if (*calc_staffing) return run_calc(sp::workforce::calc_staffing_line);

  app::Config config = load_config(config_path);
  if (!data_dir.empty()) config.data_dir = data_dir;
  if (*serve_cmd) {
    if (!listen.empty()) config.listen = listen;
    if (!synchronous.empty()) config.synchronous = synchronous;
    if (demo) config.demo = true;
    if (!web_root.empty()) config.web_root = web_root;
    return serve(config);
  }
  if (*gateway_cmd) return mail_gateway(config, tenant_slug);
  if (*report_kpis) return app::run_report_kpis(config, report_options);
  if (*audit_verify) return app::run_audit_verify(config, audit_options);
  if (*import_cmd) return app::run_import(config, import_options);
  if (*migrate_cmd) {
    auto application = open_application(config);
    std::cout << "schema at version " << *application->store().schema_version() << "\n";
    return 0;
  }
  if (*admin_create) {
    if (password.empty()) {
      if (const char* env = std::getenv("SERVICEPACT_ADMIN_PASSWORD")) password = env;
    }
    app::WiringOptions wiring;
    wiring.web_pages = false;
    auto application = open_application(config, wiring);
    storage::Store& store = application->store();
    service::HelpdeskService& helpdesk = application->helpdesk();
    service::NewAgentInput input;
    input.email = email;
    input.name = name;
    input.password = password;
    auto parsed_role = domain::parse_role(role);
    if (!parsed_role) fail(parsed_role.error().message);
    input.role = *parsed_role;
    if (!tenant_slug.empty()) {
      auto tenant = store.find_tenant_by_slug(tenant_slug);
      if (!tenant) fail(tenant.error().message);
      input.tenant_id = tenant->id;
    }
    auto agent = helpdesk.bootstrap_agent(std::move(input));
    if (!agent) fail(agent.error().message);
    std::cout << "created " << agent->email << " (id " << agent->id.value << ", role "
              << domain::to_string(agent->role) << ")\n";
    return 0;
  }
  return 0;
}
