// Mail intake edge cases found trying real mail (issue 16 section 5), on a real SQLite store:
// control characters and deep MIME stored (raw bytes kept), the desk's own mail refused,
// automatic replies marked without reopening or starting a next-response clock, strangers
// using a ticket's token opened as linked tickets, and the auto-reply limit held in the
// database across store instances.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "channels/mail_corpus.hpp"
#include "intake/mail_intake.hpp"
#include "intake_fixture.hpp"
#include "storage/sqlite/sqlite_mail_store.hpp"
#include "sla/sla_clock.hpp"
#include "storage/sqlite/sqlite_mail_intake_store.hpp"

namespace sp::intake {
namespace {

std::string mail(const std::string& from, const std::string& subject, const std::string& message_id,
                 const std::string& extra_headers = "", const std::string& body = "Mijn modem is stuk.") {
  return "From: " + from + "\r\nTo: support@acme.test\r\nSubject: " + subject + "\r\nMessage-ID: <" +
         message_id + ">\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\n" + extra_headers +
         "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
}

std::string token(domain::TicketId ticket) {
  return "[#T-" + std::to_string(ticket.value) + "]";
}

class MailIntakeTest : public testing::IntakeFixture {
 protected:
  void SetUp() override {
    IntakeFixture::SetUp();
    outbox_ = std::make_unique<storage::sqlite::SqliteOutboxStore>(*store_);
    mail_store_ = std::make_unique<storage::sqlite::SqliteMailIntakeStore>(*store_);
    attachments_ = std::make_unique<AttachmentStore>((dir_ / "attachments").string());
    intake_ =
        std::make_unique<MailIntake>(*helpdesk_, *mail_store_, nullptr, outbox_.get(), attachments_.get());
    desk_.tenant = tenant_;
    desk_.address = "support@acme.test";
    desk_.display_name = "Acme";
  }

  MailIntakeResult ingest(const std::string& raw) {
    auto result = intake_->ingest(desk_, raw, "test");
    EXPECT_TRUE(result.ok()) << result.error().message;
    return result.ok() ? *result : MailIntakeResult{};
  }

  std::vector<domain::Message> messages_of(domain::TicketId ticket) {
    return store_->list_messages(storage::Scope::of(tenant_), ticket).value();
  }

  domain::Ticket ticket(domain::TicketId id) {
    return store_->get_ticket(storage::Scope::of(tenant_), id).value();
  }

  domain::Agent make_agent(const std::string& email) {
    domain::Agent agent;
    agent.tenant_id = tenant_;
    agent.email = email;
    agent.name = "Eva";
    agent.role = domain::Role::Agent;
    agent.created_at = clock_.now();
    return store_->create_agent(agent, "x").value();
  }

  void set_status(domain::TicketId id, domain::Status status) {
    service::Principal agent{make_agent("solver" + std::to_string(id.value) + "@acme.test"),
                             storage::Scope::of(tenant_),
                             true,
                             {}};
    domain::TicketPatch patch;
    patch.status = status;
    ASSERT_TRUE(helpdesk_->update_ticket(agent, id, patch, std::nullopt).ok());
  }

  std::string kept_file(const std::string& body, const std::string& label) {
    auto at = body.find(label);
    EXPECT_NE(at, std::string::npos) << body;
    if (at == std::string::npos) return {};
    auto digest_at = body.find("sha256:", at) + 7;
    std::ifstream in(attachments_->path_of(body.substr(digest_at, 64)), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }

  std::unique_ptr<storage::sqlite::SqliteOutboxStore> outbox_;
  std::unique_ptr<storage::sqlite::SqliteMailIntakeStore> mail_store_;
  std::unique_ptr<AttachmentStore> attachments_;
  std::unique_ptr<MailIntake> intake_;
  MailDesk desk_;
};

TEST_F(MailIntakeTest, ANulInAnEightBitBodyIsStoredWithoutItAndTheRawBytesAreKept) {
  const std::string raw = channels::corpus::nul_in_8bit_body();
  auto result = ingest(raw);
  ASSERT_TRUE(result.created);
  auto body = messages_of(*result.ticket).at(0).body;
  EXPECT_TRUE(body.starts_with("Mijn modem is stuk.Na de NUL: nog steeds stuk.")) << body;
  EXPECT_EQ(body.find('\0'), std::string::npos);
  EXPECT_EQ(kept_file(body, "[original message: message/rfc822"), raw);
}

TEST_F(MailIntakeTest, MimeNestedBeyondTheCapIsStoredWithItsTopText) {
  const std::string raw = channels::corpus::nested_beyond_cap(20);
  auto result = ingest(raw);
  ASSERT_TRUE(result.created);
  auto body = messages_of(*result.ticket).at(0).body;
  EXPECT_TRUE(body.starts_with("Bovenste tekst.")) << body;
  EXPECT_EQ(body.find("onderin"), std::string::npos);
  EXPECT_EQ(kept_file(body, "[original message: message/rfc822"), raw);
}

TEST_F(MailIntakeTest, MailFromTheDesksOwnAddressIsRefusedBeforeThreading) {
  auto first = ingest(mail("Jan <jan@example.nl>", "Modem", "m1@example.nl"));
  desk_.other_addresses = {"helpdesk@acme.test"};
  int sent = 0;
  for (const std::string from :
       {"support@acme.test", "Acme Support <SUPPORT@Acme.Test>", "HelpDesk@ACME.test"}) {
    auto id = "own-" + std::to_string(++sent) + "@acme.test";
    auto refused = intake_->ingest(desk_, mail(from, "Re: " + token(*first.ticket), id), "test");
    ASSERT_FALSE(refused.ok()) << from;
    EXPECT_EQ(refused.error().kind, kinds::kMailRefused) << from;
  }
  EXPECT_EQ(messages_of(*first.ticket).size(), 1u);
  EXPECT_EQ(store_->list_tickets(storage::Scope::of(tenant_), {}).value().size(), 1u);
}

TEST_F(MailIntakeTest, AnOutOfOfficeReplyIsMarkedAutomaticAndDoesNotReopenOrStartANextResponse) {
  auto first = ingest(mail("jan@example.nl", "Modem", "m1@example.nl"));
  ASSERT_TRUE(first.created);
  EXPECT_FALSE(first.automatic);
  set_status(*first.ticket, domain::Status::Solved);
  auto ooo = ingest(mail("jan@example.nl", "Automatic reply: " + token(*first.ticket), "ooo@example.nl",
                         "Auto-Submitted: auto-replied\r\n", "I am out of the office until Monday."));
  EXPECT_TRUE(ooo.automatic);
  EXPECT_FALSE(ooo.created);
  EXPECT_EQ(ooo.ticket, first.ticket);
  EXPECT_EQ(ticket(*first.ticket).status, domain::Status::Solved);
  auto messages = messages_of(*first.ticket);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_FALSE(messages[0].automatic);
  EXPECT_TRUE(messages[1].automatic);

  // The SLA engine sees the mark: no next-response cycle, where a person's mail starts one.
  sla::SlaPolicy policy;
  policy.id = 1;
  policy.tenant_id = tenant_;
  policy.name = "Next response only";
  policy.next_response_minutes = 60;
  auto calendar = sla::BusinessCalendar::always_open().value();
  auto next_response_cycles = [&] {
    auto history = store_->ticket_history(storage::Scope::of(tenant_), *first.ticket).value();
    domain::Ticket created_state = history.ticket;
    created_state.status = domain::Status::New;
    auto state = sla::evaluate(policy, calendar, created_state, history.events, clock_.now()).value();
    return std::count_if(state.cycles.begin(), state.cycles.end(),
                         [](const sla::ClockCycle& c) { return c.target == sla::SlaTarget::NextResponse; });
  };
  EXPECT_EQ(next_response_cycles(), 0);
  auto person = ingest(
      mail("jan@example.nl", "Re: " + token(*first.ticket), "back@example.nl", "", "Toch nog een vraag."));
  EXPECT_FALSE(person.automatic);
  EXPECT_EQ(ticket(*first.ticket).status, domain::Status::Open);
  EXPECT_EQ(next_response_cycles(), 1);
}

TEST_F(MailIntakeTest, ATokenFromAStrangerOpensALinkedTicketInsteadOfJoining) {
  auto first = ingest(mail("jan@example.nl", "Modem", "m1@example.nl"));
  set_status(*first.ticket, domain::Status::Solved);
  auto stranger =
      ingest(mail("mallory@evil.example", "Re: " + token(*first.ticket), "x@evil.example", "", "Refund me."));
  ASSERT_TRUE(stranger.created);
  EXPECT_NE(stranger.ticket, first.ticket);
  EXPECT_EQ(stranger.linked_to, first.ticket);
  // The referenced ticket keeps its state and gains only a note saying why.
  EXPECT_EQ(ticket(*first.ticket).status, domain::Status::Solved);
  auto original = messages_of(*first.ticket);
  ASSERT_EQ(original.size(), 2u);
  EXPECT_EQ(original[1].kind, domain::MessageKind::Note);
  auto ref = "T-" + std::to_string(first.ticket->value);
  EXPECT_NE(original[1].body.find("not a participant of " + ref), std::string::npos) << original[1].body;
  auto opened = ticket(*stranger.ticket);
  EXPECT_EQ(opened.tags, std::vector<std::string>{"refers-to:t-" + std::to_string(first.ticket->value)});
  auto opened_messages = messages_of(*stranger.ticket);
  ASSERT_EQ(opened_messages.size(), 2u);
  EXPECT_EQ(opened_messages[0].body, "Refund me.");
  EXPECT_NE(opened_messages[1].body.find("not a participant of " + ref), std::string::npos);

  // The same rule for header threading: a forwarded mail answered by someone else.
  auto forwarded =
      ingest(mail("mallory@evil.example", "Re: Modem", "y@evil.example", "In-Reply-To: <m1@example.nl>\r\n"));
  EXPECT_TRUE(forwarded.created);
  EXPECT_EQ(forwarded.linked_to, first.ticket);
}

TEST_F(MailIntakeTest, ContactsInCopyAndAgentsOfTheTenantMayJoinByToken) {
  auto first = ingest(mail("jan@example.nl", "Modem", "m1@example.nl", "Cc: Kees <Kees@Example.NL>\r\n"));
  auto kees = ingest(mail("kees@example.nl", "Re: " + token(*first.ticket), "k1@example.nl"));
  EXPECT_FALSE(kees.created);
  EXPECT_EQ(kees.ticket, first.ticket);
  make_agent("eva@acme.test");
  auto eva = ingest(mail("eva@acme.test", "Re: " + token(*first.ticket), "e1@acme.test"));
  EXPECT_FALSE(eva.created);
  EXPECT_EQ(eva.ticket, first.ticket);
  EXPECT_EQ(messages_of(*first.ticket).size(), 3u);
}

TEST_F(MailIntakeTest, TheAutoReplyLimitHoldsAcrossStoreInstancesOnOneFile) {
  storage::sqlite::SqliteOptions options;
  options.path = (dir_ / "servicepact.db").string();
  auto second_store = storage::sqlite::SqliteStore::open(options).value();
  storage::sqlite::SqliteMailIntakeStore second(*second_store);
  const auto hour = std::chrono::hours(1);
  auto now = clock_.now();
  EXPECT_TRUE(mail_store_->take_auto_reply_slot(tenant_, "jan@example.nl", now, hour, 3).value());
  EXPECT_TRUE(second.take_auto_reply_slot(tenant_, "jan@example.nl", now, hour, 3).value());
  EXPECT_TRUE(mail_store_->take_auto_reply_slot(tenant_, "jan@example.nl", now, hour, 3).value());
  EXPECT_FALSE(second.take_auto_reply_slot(tenant_, "jan@example.nl", now, hour, 3).value());
  EXPECT_FALSE(mail_store_->take_auto_reply_slot(tenant_, "jan@example.nl", now, hour, 3).value());
  EXPECT_TRUE(second.take_auto_reply_slot(tenant_, "piet@example.nl", now, hour, 3).value());
  EXPECT_TRUE(second.take_auto_reply_slot(tenant_, "jan@example.nl", now + hour, hour, 3).value());

  // Through intake: a restarted process (a new MailIntake) still counts the earlier replies.
  for (int round = 0; round < 4; ++round) {
    MailIntake fresh(*helpdesk_, round % 2 ? second : *mail_store_, nullptr, outbox_.get());
    auto result = fresh.ingest(desk_,
                               mail("kees@example.nl", "Vraag " + std::to_string(round),
                                    "q" + std::to_string(round) + "@example.nl"),
                               "test");
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->acknowledged, round < 3) << round;
  }
}

}  // namespace
}  // namespace sp::intake
