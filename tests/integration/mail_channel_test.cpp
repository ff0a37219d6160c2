// The e-mail channel end to end on the real binary and real servers (Dovecot IMAP and an
// SMTP sink started by scripts/mailtest/): the MTA gateway's exit codes and exactly-once
// intake; IMAP mail becoming tickets with acknowledgements delivered over SMTP; and a
// SIGKILL in the middle of ingesting 1,000 messages losing and doubling none.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "mail/mail_servers.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

namespace sp::testing {
namespace {

using mail::testing::MailServers;
using mail::testing::shell_quote;
using nlohmann::json;

using sp::testing::TempDir;

// Runs the gateway with `raw` on stdin; returns {exit status, stdout}.
std::pair<int, std::string> gateway(const std::filesystem::path& dir, const std::string& tenant,
                                    const std::string& raw) {
  auto input = dir / "gateway-input.eml";
  std::ofstream(input, std::ios::binary) << raw;
  std::string command = std::string(SP_BINARY_PATH) + " mail-gateway --tenant " + tenant + " --data " +
                        shell_quote(dir.string()) + " < " + shell_quote(input.string()) + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  char buf[512];
  while (auto n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string message(const std::string& from, const std::string& subject, const std::string& message_id,
                    const std::string& extra_headers = "",
                    const std::string& body = "Hallo, mijn modem is stuk.") {
  return "From: Jan Jansen <" + from + ">\r\nTo: desk@telnet-nl.test\r\nSubject: " + subject +
         "\r\nMessage-ID: <" + message_id + ">\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\n" + extra_headers +
         "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
}

// An admin, a tenant "acme" made through the API of a first server run.
HttpClient login(std::uint16_t port) {
  HttpClient client(port);
  auto response =
      client.post("/api/v1/auth/login", R"({"email":"root@mail.test","password":"correct horse battery"})");
  EXPECT_EQ(response.status, 200) << response.body;
  std::string cookie = response.header("set-cookie");
  client.cookie = cookie.substr(0, cookie.find(';'));
  client.csrf = json::parse(response.body)["csrf_token"];
  return client;
}

void prepare_tenant(const std::filesystem::path& dir) {
  ASSERT_EQ(std::system((std::string(SP_BINARY_PATH) +
                         " admin create --email root@mail.test --password 'correct horse battery' --data " +
                         shell_quote(dir.string()) + " >/dev/null")
                            .c_str()),
            0);
  ServerProcess server(dir);
  ASSERT_NE(server.port(), 0);
  auto client = login(server.port());
  auto tenant =
      client.post("/api/v1/tenants",
                  R"({"slug":"acme","name":"Acme","timezone":"Europe/Amsterdam","default_language":"nl"})");
  ASSERT_EQ(tenant.status, 201) << tenant.body;
}

json tickets_of(const HttpClient& client) {
  return json::parse(client.get("/api/v1/tickets?limit=500").body);
}

TEST(MailGateway, ExitCodesAndExactlyOnce) {
  TempDir temp("sp-mailchan");
  const auto dir = temp.path();
  prepare_tenant(dir);
  auto [status, out] = gateway(dir, "acme", message("jan@example.nl", "Modem stuk", "m1@example.nl"));
  ASSERT_EQ(status, 0) << out;
  auto first = json::parse(out);
  EXPECT_TRUE(first["created"]);
  EXPECT_TRUE(first["acknowledged"]) << out;
  auto ticket = first["ticket_id"].get<std::int64_t>();

  auto [again_status, again] = gateway(dir, "acme", message("jan@example.nl", "Modem stuk", "m1@example.nl"));
  ASSERT_EQ(again_status, 0);
  EXPECT_TRUE(json::parse(again)["duplicate"]);
  EXPECT_EQ(json::parse(again)["ticket_id"], ticket);

  // A reply carrying the ticket token threads into the ticket; no second acknowledgement.
  auto [reply_status, reply] =
      gateway(dir, "acme",
              message("jan@example.nl", "Re: [#T-" + std::to_string(ticket) + "] Modem stuk", "m2@example.nl",
                      "", "Nog steeds stuk."));
  ASSERT_EQ(reply_status, 0) << reply;
  EXPECT_EQ(json::parse(reply)["ticket_id"], ticket);
  EXPECT_FALSE(json::parse(reply)["created"]);

  // An auto-reply becomes a ticket but is never answered automatically.
  auto [auto_status, auto_out] = gateway(
      dir, "acme",
      message("jan@example.nl", "Out of office", "m3@example.nl", "Auto-Submitted: auto-replied\r\n"));
  ASSERT_EQ(auto_status, 0);
  EXPECT_FALSE(json::parse(auto_out)["acknowledged"]);

  // An attachment is stored content-addressed under the data folder.
  std::string with_attachment =
      "From: jan@example.nl\r\nTo: desk@telnet-nl.test\r\nSubject: Foto\r\nMessage-ID: <m5@example.nl>\r\n"
      "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\nZie bijlage.\r\n--b\r\n"
      "Content-Type: image/png; name=\"../../etc/modem.png\"\r\nContent-Disposition: attachment; "
      "filename=\"../../etc/modem.png\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\naGVsbG8gbW9kZW0=\r\n--b--\r\n";
  auto [attach_status, attach_out] = gateway(dir, "acme", with_attachment);
  ASSERT_EQ(attach_status, 0) << attach_out;
  std::size_t stored_files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "attachments")) {
    if (entry.is_regular_file()) {
      ++stored_files;
      EXPECT_EQ(mail::testing::read_file(entry.path()), "hello modem");
      EXPECT_EQ(entry.path().filename().string().size(), 64u);  // the SHA-256, never the sender's name
    }
  }
  EXPECT_EQ(stored_files, 1u);

  // multipart/alternative: the text is the message, the sanitised HTML is kept beside it.
  std::string alternative =
      "From: jan@example.nl\r\nTo: desk@telnet-nl.test\r\nSubject: Opmaak\r\nMessage-ID: <m6@example.nl>\r\n"
      "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n--a\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\nPlatte tekst.\r\n--a\r\n"
      "Content-Type: text/html; charset=utf-8\r\n\r\n<p>Opgemaakte "
      "<b>tekst</b><script>alert(1)</script></p>\r\n--a--\r\n";
  ASSERT_EQ(gateway(dir, "acme", alternative).first, 0);
  bool html_kept = false;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "attachments")) {
    if (!entry.is_regular_file()) continue;
    auto text = mail::testing::read_file(entry.path());
    if (text.find("Opgemaakte") != std::string::npos) {
      html_kept = true;
      EXPECT_EQ(text.find("<script"), std::string::npos) << "the kept HTML must be sanitised";
    }
  }
  EXPECT_TRUE(html_kept);

  EXPECT_EQ(gateway(dir, "acme", "").first, 65);
  EXPECT_EQ(gateway(dir, "acme", "this is not mail at all\r\n").first, 65);
  EXPECT_EQ(gateway(dir, "nope", message("a@b.nl", "x", "m4@b.nl")).first, 67);

  ServerProcess server(dir);
  auto client = login(server.port());
  auto list = tickets_of(client);
  EXPECT_EQ(list["items"].size(), 4u) << list.dump();
  auto messages = json::parse(client.get("/api/v1/tickets/" + std::to_string(ticket) + "/messages").body);
  ASSERT_EQ(messages["items"].size(), 2u);
  EXPECT_EQ(messages["items"][1]["body"], "Nog steeds stuk.");
  auto deliveries = json::parse(client.get("/api/v1/tickets/" + std::to_string(ticket) + "/deliveries").body);
  ASSERT_EQ(deliveries["items"].size(), 1u) << deliveries.dump();
  EXPECT_EQ(deliveries["items"][0]["state"], "queued");  // no SMTP configured

  // A bounce of that acknowledgement marks it failed and is noted on the ticket.
  std::string original = deliveries["items"][0]["message_id"].get<std::string>();
  std::string bounce =
      "From: Mail Delivery System <MAILER-DAEMON@mx.example.nl>\r\nTo: desk@telnet-nl.test\r\n"
      "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <bounce-1@mx.example.nl>\r\n"
      "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; "
      "boundary=\"dsn\"\r\n\r\n"
      "--dsn\r\nContent-Type: text/plain\r\n\r\nUndeliverable.\r\n--dsn\r\nContent-Type: "
      "message/delivery-status\r\n\r\n"
      "Reporting-MTA: dns; mx.example.nl\r\n\r\nFinal-Recipient: rfc822; jan@example.nl\r\nAction: failed\r\n"
      "Status: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\r\n--dsn\r\n"
      "Content-Type: text/rfc822-headers\r\n\r\nFrom: desk@telnet-nl.test\r\nMessage-ID: " +
      original + "\r\n--dsn--\r\n";
  auto [bounce_status, bounce_out] = gateway(dir, "acme", bounce);
  ASSERT_EQ(bounce_status, 0) << bounce_out;
  EXPECT_TRUE(json::parse(bounce_out)["bounce"]);
  auto after = json::parse(client.get("/api/v1/tickets/" + std::to_string(ticket) + "/deliveries").body);
  EXPECT_EQ(after["items"][0]["state"], "failed") << after.dump();
  EXPECT_NE(after["items"][0]["last_error"].get<std::string>().find("5.1.1"), std::string::npos);
  EXPECT_EQ(tickets_of(client)["items"].size(), 4u);  // a bounce is never a ticket
  server.stop(SIGTERM);
}

// Issue 16 section 5, through the real binary: what the MTA hears for mail that used to be
// retried for days or to open tickets it should not.
TEST(MailGateway, EdgeCasesFoundTryingRealMail) {
  TempDir temp("sp-mailchan");
  const auto dir = temp.path();
  prepare_tenant(dir);
  // A NUL in an 8bit body: stored (0), never "retry later" (75) for a property of the message.
  std::string with_nul =
      message("jan@example.nl", "NUL", "nul@example.nl", "Content-Transfer-Encoding: 8bit\r\n",
              std::string("Voor de NUL.") + '\0' + "Na de NUL.");
  auto [nul_status, nul_out] = gateway(dir, "acme", with_nul);
  ASSERT_EQ(nul_status, 0) << nul_out;
  auto ticket = json::parse(nul_out)["ticket_id"].get<std::int64_t>();
  EXPECT_TRUE(json::parse(nul_out)["created"]);

  // MIME nested past the cap of 16: stored with its top text.
  std::string deep =
      "From: jan@example.nl\r\nTo: desk@telnet-nl.test\r\nSubject: Diep\r\nMessage-ID: <deep@example.nl>\r\n"
      "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"top\"\r\n\r\n--top\r\n"
      "Content-Type: text/plain\r\n\r\nBovenste tekst.\r\n--top\r\n";
  for (int level = 0; level < 20; ++level) {
    deep += "Content-Type: multipart/mixed; boundary=\"n" + std::to_string(level) + "\"\r\n\r\n--n" +
            std::to_string(level) + "\r\n";
  }
  deep += "Content-Type: text/plain\r\n\r\nonderin\r\n";
  for (int level = 19; level >= 0; --level) deep += "--n" + std::to_string(level) + "--\r\n";
  deep += "--top--\r\n";
  auto [deep_status, deep_out] = gateway(dir, "acme", deep);
  ASSERT_EQ(deep_status, 0) << deep_out;

  // Our own mail coming back (the gateway's desk is support@acme.invalid without a config).
  EXPECT_EQ(
      gateway(dir, "acme",
              message("support@acme.invalid", "Re: [#T-" + std::to_string(ticket) + "]", "own@acme.invalid"))
          .first,
      65);
  EXPECT_EQ(
      gateway(
          dir, "acme",
          "From: Acme <SUPPORT@Acme.Invalid>\r\nSubject: x\r\nMessage-ID: <own2@acme.invalid>\r\n\r\nx\r\n")
          .first,
      65);

  // An out-of-office on the ticket is stored, marked automatic.
  auto [ooo_status, ooo_out] =
      gateway(dir, "acme",
              message("jan@example.nl", "Re: [#T-" + std::to_string(ticket) + "] NUL", "ooo@example.nl",
                      "Auto-Submitted: auto-replied\r\n", "Afwezig."));
  ASSERT_EQ(ooo_status, 0) << ooo_out;
  EXPECT_TRUE(json::parse(ooo_out)["automatic"]);
  EXPECT_EQ(json::parse(ooo_out)["ticket_id"], ticket);

  // A stranger quoting the token gets a ticket of their own, linked to the one referred to.
  auto [stranger_status, stranger_out] =
      gateway(dir, "acme",
              message("mallory@evil.example", "Re: [#T-" + std::to_string(ticket) + "]", "s@evil.example"));
  ASSERT_EQ(stranger_status, 0) << stranger_out;
  EXPECT_TRUE(json::parse(stranger_out)["created"]);
  EXPECT_EQ(json::parse(stranger_out)["linked_to"], "T-" + std::to_string(ticket));

  // At most 3 acknowledgements per address per hour, across gateway processes.
  std::vector<bool> acknowledged;
  for (int idx = 0; idx < 4; ++idx) {
    auto [status, out] = gateway(dir, "acme",
                                 message("kees@example.nl", "Vraag " + std::to_string(idx),
                                         "k" + std::to_string(idx) + "@example.nl"));
    ASSERT_EQ(status, 0) << out;
    acknowledged.push_back(json::parse(out)["acknowledged"].get<bool>());
  }
  EXPECT_EQ(acknowledged, (std::vector<bool>{true, true, true, false}));

  ServerProcess server(dir);
  auto client = login(server.port());
  auto messages = json::parse(client.get("/api/v1/tickets/" + std::to_string(ticket) + "/messages").body);
  ASSERT_GE(messages["items"].size(), 2u) << messages.dump();
  auto body = messages["items"][0]["body"].get<std::string>();
  EXPECT_TRUE(body.starts_with("Voor de NUL.Na de NUL.")) << body;
  EXPECT_NE(body.find("[original message: message/rfc822"), std::string::npos) << body;
  EXPECT_FALSE(messages["items"][0]["automatic"]);
  bool ooo_marked = false;
  for (const auto& item : messages["items"]) {
    if (item["body"] == "Afwezig.") ooo_marked = item["automatic"].get<bool>();
  }
  EXPECT_TRUE(ooo_marked) << messages.dump();
  server.stop(SIGTERM);
}

// Issue 17: a mailed attachment downloads byte-identical with safe headers, the raw RFC 5322
// bytes are there for agents, and a duplicate delivery of the same mail stores no file.
// The gateway runs in its own process: the running server learns of its ticket from the
// durable refresh mark the same transaction wrote, not from a restart.
TEST(MailGateway, AGatewayTicketGetsItsSlaTimerWhileTheServerRuns) {
  TempDir temp("sp-mailchan");
  const auto dir = temp.path();
  prepare_tenant(dir);
  ServerProcess server(dir);
  ASSERT_NE(server.port(), 0);
  auto client = login(server.port());
  json open_day = json::array({json::array({"00:00", "24:00"})});
  json weekly = json::object();
  for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) weekly[day] = open_day;
  json calendar = {{"timezone", "UTC"}, {"weekly", weekly}};
  auto tenants = json::parse(client.get("/api/v1/tenants").body);
  ASSERT_FALSE(tenants["items"].empty()) << tenants;
  auto tenant_id = tenants["items"][0]["id"];
  auto made = client.post("/api/v1/calendars",
                          json{{"name", "Always"}, {"tenant_id", tenant_id}, {"calendar", calendar}}.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  json policy = {{"name", "Standard"},
                 {"tenant_id", tenant_id},
                 {"calendar_id", json::parse(made.body)["id"]},
                 {"targets", {{"first_response_minutes", 60}}}};
  auto policy_made = client.post("/api/v1/sla/policies", policy.dump());
  ASSERT_EQ(policy_made.status, 201) << policy_made.body;

  auto [status, out] = gateway(dir, "acme", message("jan@example.nl", "Modem stuk", "sla-1@example.nl"));
  ASSERT_EQ(status, 0) << out;
  auto ticket = json::parse(out)["ticket_id"].get<std::int64_t>();
  // The scheduler wakes at least once a second; the queue's SLA column reads the timer.
  json due = nullptr;
  for (int attempt = 0; attempt < 100 && due.is_null(); ++attempt) {
    const json listed = tickets_of(client);
    for (const auto& item : listed["items"]) {
      if (item["id"] == ticket && !item["sla"].is_null()) due = item["sla"]["due_at"];
    }
    if (due.is_null()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_FALSE(due.is_null()) << "the server never refreshed the gateway's ticket";
  server.stop(SIGTERM);
}

TEST(MailGateway, MailedAttachmentsDownloadByteIdenticalAndDuplicatesStoreNoFile) {
  TempDir temp("sp-mailchan");
  const auto dir = temp.path();
  prepare_tenant(dir);
  auto mail_with = [](const std::string& base64, const std::string& html) {
    return "From: Jan Jansen <jan@example.nl>\r\nTo: desk@telnet-nl.test\r\nSubject: Foto\r\n"
           "Message-ID: <att-1@example.nl>\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
           "Content-Type: multipart/related; boundary=\"r\"\r\n\r\n--r\r\n"
           "Content-Type: text/html; charset=utf-8\r\n\r\n" +
           html +
           "\r\n--r\r\nContent-Type: image/png\r\nContent-ID: <logo@example.nl>\r\n"
           "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--r--\r\n--b\r\n"
           "Content-Type: application/octet-stream; name=\"=?UTF-8?B?5oql5ZGKLmh0bWw=?=\"\r\n"
           "Content-Disposition: attachment; filename=\"=?UTF-8?B?5oql5ZGKLmh0bWw=?=\"\r\n"
           "Content-Transfer-Encoding: base64\r\n\r\n" +
           base64 + "\r\n--b--\r\n";
  };
  // "<html><b>rapport</b></html>\n": HTML, so it must come back as octet-stream.
  const std::string report = "<html><b>rapport</b></html>\n";
  const std::string html =
      "<p>Zie <img src=\"cid:logo@example.nl\"> en <img src=\"https://tracker.example/x.png\"></p>";
  auto [status, out] = gateway(dir, "acme", mail_with("PGh0bWw+PGI+cmFwcG9ydDwvYj48L2h0bWw+Cg==", html));
  ASSERT_EQ(status, 0) << out;
  auto ticket = json::parse(out)["ticket_id"].get<std::int64_t>();
  auto count_files = [&] {
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "attachments")) {
      files += entry.is_regular_file() ? 1 : 0;
    }
    return files;
  };
  const auto files_before = count_files();
  // The same Message-ID again with other bytes: a duplicate, so no new file is written.
  auto [again_status, again] = gateway(dir, "acme", mail_with("b3RoZXIgYnl0ZXMK", html));
  ASSERT_EQ(again_status, 0) << again;
  EXPECT_TRUE(json::parse(again)["duplicate"]);
  EXPECT_EQ(count_files(), files_before);

  ServerProcess server(dir);
  auto client = login(server.port());
  const std::string base = "/api/v1/tickets/" + std::to_string(ticket);
  auto messages = json::parse(client.get(base + "/messages").body)["items"];
  ASSERT_EQ(messages.size(), 1u);
  const auto& message = messages[0];
  EXPECT_EQ(message["from"]["address"], "jan@example.nl");
  EXPECT_EQ(message["from"]["name"], "Jan Jansen");
  EXPECT_EQ(message["subject"], "Foto");
  json report_file;
  for (const auto& file : message["attachments"]) {
    if (file["filename"] == "报告.html") report_file = file;
  }
  ASSERT_FALSE(report_file.is_null()) << message.dump();
  EXPECT_EQ(report_file["size"], report.size());
  auto download = client.get(report_file["url"].get<std::string>());
  ASSERT_EQ(download.status, 200) << download.body;
  EXPECT_EQ(download.body, report);
  EXPECT_EQ(download.header("content-type"), "application/octet-stream");
  EXPECT_EQ(download.header("x-content-type-options"), "nosniff");
  EXPECT_NE(download.header("content-disposition").find("filename*=UTF-8''%E6%8A%A5%E5%91%8A.html"),
            std::string::npos)
      << download.header("content-disposition");

  // The raw message, for agents, as received.
  ASSERT_TRUE(message["raw_url"].is_string()) << message.dump();
  auto raw = client.get(message["raw_url"].get<std::string>());
  ASSERT_EQ(raw.status, 200);
  EXPECT_EQ(raw.header("content-type"), "message/rfc822");
  EXPECT_TRUE(raw.header("content-disposition").starts_with("attachment;"));
  EXPECT_EQ(raw.body, mail_with("PGh0bWw+PGI+cmFwcG9ydDwvYj48L2h0bWw+Cg==", html));

  // The sanitised HTML view: the inline image points at its download, nothing from outside.
  ASSERT_TRUE(message["html_url"].is_string()) << message.dump();
  auto view = json::parse(client.get(message["html_url"].get<std::string>()).body);
  auto shown = view["html"].get<std::string>();
  EXPECT_EQ(shown.find("tracker.example"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("cid:"), std::string::npos) << shown;
  auto src = shown.find("src=\"" + base + "/attachments/");
  ASSERT_NE(src, std::string::npos) << shown;
  auto image_url = shown.substr(src + 5, shown.find('"', src + 5) - src - 5);
  auto image = client.get(image_url);
  EXPECT_EQ(image.status, 200);
  EXPECT_EQ(image.body, std::string("\x89PNG\r\n\x1a\n", 8));
  server.stop(SIGTERM);
}

class MailChannel : public ::testing::Test {
 protected:
  void SetUp() override {
    auto problem = servers_.start();
    ASSERT_FALSE(problem) << *problem;
    dir_ = temp_.path();
    prepare_tenant(dir_);
    config_ = dir_ / "servicepact.toml";
    std::ofstream(config_) << "[smtp]\nurl = \"" << servers_.smtp_url() << "\"\n\n"
                           << "[[mail_desk]]\ntenant = \"acme\"\naddress = \"desk@telnet-nl.test\"\n"
                           << "imap_url = \"" << servers_.imap_url()
                           << "\"\nimap_user = \"desk@telnet-nl.test\"\n"
                           << "imap_password = \"secret\"\npoll_seconds = 1\n";
  }
  void TearDown() override { servers_.stop(); }
  // Writes messages straight into the desk's maildir (Dovecot picks them up as new mail).
  void drop_into_maildir(int count, const std::string& prefix) {
    auto maildir = servers_.dir() / "mail" / MailServers::kUser;
    for (const char* sub : {"new", "cur", "tmp"}) std::filesystem::create_directories(maildir / sub);
    for (int idx = 0; idx < count; ++idx) {
      std::ofstream(maildir / "new" / (prefix + std::to_string(idx) + ".sp"), std::ios::binary)
          << message("sender" + std::to_string(idx % 50) + "@example.nl", prefix + " " + std::to_string(idx),
                     prefix + std::to_string(idx) + "@example.nl");
    }
    ASSERT_EQ(
        std::system(
            ("chown -R dovecot:dovecot " + shell_quote(maildir.string()) + " 2>/dev/null || true").c_str()),
        0);
  }
  // Waits until the tenant has `count` tickets or `timeout` passes; returns the count.
  std::size_t wait_for_tickets(std::uint16_t port, std::size_t count, std::chrono::seconds timeout) {
    auto client = login(port);
    auto until = std::chrono::steady_clock::now() + timeout;
    std::size_t seen = 0;
    while (std::chrono::steady_clock::now() < until) {
      seen = count_tickets(client);
      if (seen >= count) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    return seen;
  }
  static std::size_t count_tickets(const HttpClient& client) {
    std::size_t total = 0;
    std::string cursor;
    for (;;) {
      auto page = json::parse(
          client.get("/api/v1/tickets?limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor)).body);
      total += page["items"].size();
      if (page["next_cursor"].is_null()) break;
      cursor = page["next_cursor"].get<std::string>();
    }
    return total;
  }

  MailServers servers_;
  TempDir temp_{"sp-mailchan"};
  std::filesystem::path dir_, config_;
};

TEST_F(MailChannel, ImapMailBecomesTicketsAndAcknowledgementsAreSent) {
  drop_into_maildir(3, "hello");
  ServerProcess server(dir_, {"--config", config_.string()});
  ASSERT_NE(server.port(), 0);
  ASSERT_EQ(wait_for_tickets(server.port(), 3, std::chrono::seconds(20)), 3u);
  // Each sender hears back, in Dutch (the tenant's language), with the ticket token.
  auto sent = servers_.sink_message("sender1@example.nl", std::chrono::seconds(20));
  ASSERT_TRUE(sent) << "no acknowledgement reached the SMTP sink";
  EXPECT_NE(sent->first.find("[#T-"), std::string::npos);
  EXPECT_NE(sent->first.find("Auto-Submitted: auto-replied"), std::string::npos);
  // An agent's reply on an e-mail ticket is mailed to the customer.
  auto client = login(server.port());
  auto list = tickets_of(client);
  auto id = list["items"][0]["id"].get<std::int64_t>();
  auto reply = client.post("/api/v1/tickets/" + std::to_string(id) + "/messages",
                           R"({"kind":"outbound","body":"Wij sturen een nieuwe modem. REPLY-MARKER"})");
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto mailed = servers_.sink_message("REPLY-MARKER", std::chrono::seconds(20));
  ASSERT_TRUE(mailed) << "the agent's reply was not mailed";
  EXPECT_NE(mailed->first.find("[#T-" + std::to_string(id) + "]"), std::string::npos);
  EXPECT_NE(mailed->first.find("In-Reply-To: <"), std::string::npos);  // threaded under the customer's mail
  EXPECT_NE(mailed->first.find("References: <"), std::string::npos);
  server.stop(SIGTERM);
}

TEST_F(MailChannel, ImapIdleBringsNewMailInLongBeforeTheNextPoll) {
  std::ofstream(config_) << "[[mail_desk]]\ntenant = \"acme\"\naddress = \"desk@telnet-nl.test\"\n"
                         << "imap_url = \"" << servers_.imap_url()
                         << "\"\nimap_user = \"desk@telnet-nl.test\"\n"
                         << "imap_password = \"secret\"\npoll_seconds = 300\n";
  ServerProcess server(dir_, {"--config", config_.string()});
  ASSERT_NE(server.port(), 0);
  std::this_thread::sleep_for(std::chrono::seconds(2));  // the first poll found nothing; now in IDLE
  ASSERT_TRUE(servers_.deliver("INBOX", message("idle@example.nl", "Via IDLE", "idle-1@example.nl")));
  EXPECT_EQ(wait_for_tickets(server.port(), 1, std::chrono::seconds(20)), 1u)
      << "new mail waited for the 5-minute poll instead of IDLE";
  server.stop(SIGTERM);
}

TEST_F(MailChannel, WebFormContactsGetTheSameAcknowledgement) {
  ServerProcess server(dir_, {"--config", config_.string()});
  ASSERT_NE(server.port(), 0);
  HttpClient visitor(server.port());
  auto token = json::parse(visitor.get("/api/v1/forms/token?tenant=acme").body);
  ASSERT_TRUE(token.contains("token")) << token.dump();
  std::this_thread::sleep_for(std::chrono::milliseconds(3200));  // the time trap refuses bots under 3 s
  auto sent = visitor.post("/api/v1/forms/submit", json{{"tenant", "acme"},
                                                        {"name", "Piet Form"},
                                                        {"email", "piet.form@example.nl"},
                                                        {"subject", "Formulier"},
                                                        {"body", "Via het webformulier"},
                                                        {"website", ""},
                                                        {"token", token["token"]}}
                                                       .dump());
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_FALSE(json::parse(sent.body)["answer_due"].is_null());
  auto mailed = servers_.sink_message("piet.form@example.nl", std::chrono::seconds(20));
  ASSERT_TRUE(mailed) << "the web form contact was not acknowledged by mail";
  EXPECT_NE(mailed->first.find("[#T-"), std::string::npos);
  server.stop(SIGTERM);
}

// Issue 17: the form promises "we answer by e-mail": an agent's reply on a web-form ticket
// reaches the customer's mailbox, with the link to the portal.
TEST_F(MailChannel, AnAgentsReplyOnAWebFormTicketIsMailedWithThePortalLink) {
  ServerProcess server(dir_, {"--config", config_.string()});
  ASSERT_NE(server.port(), 0);
  HttpClient visitor(server.port());
  auto token = json::parse(visitor.get("/api/v1/forms/token?tenant=acme").body);
  std::this_thread::sleep_for(std::chrono::milliseconds(3200));  // the form's time trap
  auto sent = visitor.post("/api/v1/forms/submit", json{{"tenant", "acme"},
                                                        {"name", "Anna Form"},
                                                        {"email", "anna.form@example.nl"},
                                                        {"subject", "Via het formulier"},
                                                        {"body", "Mijn router knippert."},
                                                        {"website", ""},
                                                        {"token", token["token"]}}
                                                       .dump());
  ASSERT_EQ(sent.status, 201) << sent.body;
  auto ticket = json::parse(sent.body)["ticket_id"].get<std::int64_t>();
  auto client = login(server.port());
  auto reply = client.post("/api/v1/tickets/" + std::to_string(ticket) + "/messages",
                           R"({"kind":"outbound","body":"Zet de router uit en aan. FORM-REPLY-MARKER"})");
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto mailed = servers_.sink_message("FORM-REPLY-MARKER", std::chrono::seconds(20));
  ASSERT_TRUE(mailed) << "the reply on a web-form ticket was not mailed";
  EXPECT_NE(mailed->second.find("anna.form@example.nl"), std::string::npos) << mailed->second;
  EXPECT_NE(mailed->first.find("[#T-" + std::to_string(ticket) + "]"), std::string::npos);
  EXPECT_NE(mailed->first.find("/portal"), std::string::npos) << mailed->first;
  // Its delivery state is visible like that of any mail.
  auto deliveries = json::parse(client.get("/api/v1/tickets/" + std::to_string(ticket) + "/deliveries").body);
  EXPECT_GE(deliveries["items"].size(), 2u) << deliveries.dump();  // acknowledgement and reply
  server.stop(SIGTERM);
}

TEST_F(MailChannel, PortalSignInLinksAreMailed) {
  ServerProcess server(dir_, {"--config", config_.string()});
  ASSERT_NE(server.port(), 0);
  auto admin = login(server.port());
  auto tenants = json::parse(admin.get("/api/v1/tenants").body);
  auto customer = admin.post("/api/v1/customers", json{{"tenant_id", tenants["items"][0]["id"]},
                                                       {"name", "Klaas Portaal"},
                                                       {"emails", {"klaas.portaal@example.nl"}},
                                                       {"language", "nl"}}
                                                      .dump());
  ASSERT_EQ(customer.status, 201) << customer.body;
  HttpClient visitor(server.port());
  auto asked =
      visitor.post("/api/v1/portal/links", R"({"tenant":"acme","email":"klaas.portaal@example.nl"})");
  ASSERT_EQ(asked.status, 202);
  EXPECT_FALSE(json::parse(asked.body).contains("demo_link"));  // not demo mode: only by mail
  auto mailed = servers_.sink_message("klaas.portaal@example.nl", std::chrono::seconds(20));
  ASSERT_TRUE(mailed) << "no sign-in link was mailed";
  EXPECT_NE(mailed->first.find("/portal#token="), std::string::npos);
  server.stop(SIGTERM);
}

TEST_F(MailChannel, SigkillDuringIngestionOfAThousandMessagesLosesAndDoublesNone) {
  constexpr int kMessages = 1000;
  drop_into_maildir(kMessages, "bulk");
  std::size_t before_kill = 0;
  {
    ServerProcess server(dir_, {"--config", config_.string()});
    ASSERT_NE(server.port(), 0);
    before_kill = wait_for_tickets(server.port(), 150, std::chrono::seconds(60));
    EXPECT_EQ(server.stop(SIGKILL), 128 + SIGKILL);
  }
  ASSERT_GT(before_kill, 0u) << "ingestion did not start";
  ASSERT_LT(before_kill, std::size_t(kMessages)) << "the kill came after ingestion had finished";
  ServerProcess restarted(dir_, {"--config", config_.string()});
  ASSERT_EQ(wait_for_tickets(restarted.port(), kMessages, std::chrono::seconds(240)), std::size_t(kMessages));
  // Exactly once: every subject once, and each ticket holds one message.
  auto client = login(restarted.port());
  std::set<std::string> subjects;
  std::string cursor;
  std::size_t total = 0;
  for (;;) {
    auto page = json::parse(
        client.get("/api/v1/tickets?limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor)).body);
    for (const auto& item : page["items"]) {
      subjects.insert(item["subject"].get<std::string>());
      ++total;
    }
    if (page["next_cursor"].is_null()) break;
    cursor = page["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(total, std::size_t(kMessages));
  EXPECT_EQ(subjects.size(), std::size_t(kMessages));
  restarted.stop(SIGTERM);
}

}  // namespace
}  // namespace sp::testing
