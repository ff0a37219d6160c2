// The survey invitation on solving an e-mail ticket is mailed to the customer like an agent's
// reply (issue 8): SurveyInviter adds an outbound system message, ReplyMailer queues it.
#include <gtest/gtest.h>

#include "channels/mime.hpp"
#include "intake/mail_intake.hpp"
#include "outbound/reply_mailer.hpp"
#include "intake/intake_fixture.hpp"
#include "storage/sqlite/sqlite_mail_store.hpp"
#include "service/survey_service.hpp"
#include "storage/sqlite/sqlite_mail_intake_store.hpp"
#include "storage/sqlite/sqlite_survey_store.hpp"

namespace sp::outbound {

using namespace sp::intake;  // NOLINT
namespace {

class SurveyMailTest : public sp::testing::IntakeFixture {
 protected:
  void SetUp() override {
    IntakeFixture::SetUp();
    outbox_ = std::make_unique<storage::sqlite::SqliteOutboxStore>(*store_);
    mail_store_ = std::make_unique<storage::sqlite::SqliteMailIntakeStore>(*store_);
    intake_ = std::make_unique<MailIntake>(*helpdesk_, *mail_store_, nullptr, outbox_.get());
    MailDesk desk;
    desk.tenant = tenant_;
    desk.address = "support@acme.test";
    replies_ = std::make_unique<ReplyMailer>(*intake_, std::vector<MailDesk>{desk});
    survey_store_ = std::make_unique<storage::sqlite::SqliteSurveyStore>(*store_);
    surveys_ = std::make_unique<service::SurveyService>(*helpdesk_, *survey_store_);
    inviter_ = std::make_unique<service::SurveyInviter>(*helpdesk_, *surveys_, "https://support.acme.test");
    helpdesk_->add_observer(replies_.get());
    helpdesk_->add_observer(inviter_.get());
    domain::Agent agent;
    agent.tenant_id = tenant_;
    agent.email = "eva@acme.test";
    agent.name = "Eva";
    agent.role = domain::Role::Agent;
    agent.created_at = clock_.now();
    agent = store_->create_agent(agent, "x").value();
    principal_ = service::Principal{agent, storage::Scope::of(tenant_), true, {}};
  }

  domain::Ticket email_ticket(const std::vector<std::string>& tags = {}) {
    auto customer =
        helpdesk_->find_or_create_customer(tenant_, "jan@example.nl", "Jan", domain::Language::Nl).value();
    domain::NewTicket ticket;
    ticket.subject = "Geen internet";
    ticket.channel = domain::Channel::Email;
    ticket.tags = tags;
    ticket.first_message = "Help";
    return helpdesk_->open_customer_ticket(tenant_, customer.id, ticket).value();
  }

  void solve(domain::TicketId id) {
    domain::TicketPatch patch;
    patch.status = domain::Status::Solved;
    ASSERT_TRUE(helpdesk_->update_ticket(principal_, id, patch, std::nullopt).ok());
  }

  std::unique_ptr<storage::sqlite::SqliteOutboxStore> outbox_;
  std::unique_ptr<storage::sqlite::SqliteMailIntakeStore> mail_store_;
  std::unique_ptr<MailIntake> intake_;
  std::unique_ptr<ReplyMailer> replies_;
  std::unique_ptr<storage::sqlite::SqliteSurveyStore> survey_store_;
  std::unique_ptr<service::SurveyService> surveys_;
  std::unique_ptr<service::SurveyInviter> inviter_;
  service::Principal principal_;
};

TEST_F(SurveyMailTest, SolvingAnEmailTicketMailsTheSurveyLinkOnce) {
  auto ticket = email_ticket();
  solve(ticket.id);
  auto queued = outbox_->claim_due(clock_.now(), 100).value();
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].recipients, std::vector<std::string>{"jan@example.nl"});
  ASSERT_TRUE(queued[0].ticket.has_value());
  EXPECT_EQ(queued[0].ticket->value, ticket.id.value);
  auto parsed = channels::parse_mail(queued[0].raw).value();
  EXPECT_NE(parsed.text.find("Uw vraag T-" + std::to_string(ticket.id.value) + " is opgelost."),
            std::string::npos)
      << parsed.text;
  EXPECT_NE(parsed.text.find("https://support.acme.test/survey?token=" + std::to_string(tenant_.value) + "." +
                             std::to_string(ticket.id.value) + "."),
            std::string::npos)
      << parsed.text;
  auto messages = store_->list_messages(storage::Scope::of(tenant_), ticket.id).value();
  ASSERT_FALSE(messages.empty());
  EXPECT_EQ(messages.back().kind, domain::MessageKind::Outbound);
  EXPECT_EQ(messages.back().author.type, domain::ActorType::System);
  EXPECT_EQ(store_->get_ticket(storage::Scope::of(tenant_), ticket.id).value().status,
            domain::Status::Solved);

  // Reopened and solved again the next day: the unexpired link is not sent twice.
  clock_.advance(std::chrono::hours(24));
  domain::TicketPatch reopen;
  reopen.status = domain::Status::Open;
  ASSERT_TRUE(helpdesk_->update_ticket(principal_, ticket.id, reopen, std::nullopt).ok());
  solve(ticket.id);
  EXPECT_TRUE(outbox_->claim_due(clock_.now(), 100).value().empty());
}

TEST_F(SurveyMailTest, SpamTicketsGetNoSurveyMail) {
  auto ticket = email_ticket({"spam"});
  solve(ticket.id);
  EXPECT_TRUE(outbox_->claim_due(clock_.now(), 100).value().empty());
  EXPECT_FALSE(survey_store_->get_survey(storage::Scope::of(tenant_), ticket.id).value().has_value());
}

}  // namespace
}  // namespace sp::outbound
