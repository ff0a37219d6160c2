// intake::FormIntake on a real SQLite store: the happy path, bot checks, the rate limit,
// double submits and field errors by name.
#include "intake/form_intake.hpp"

#include <gtest/gtest.h>

#include "intake_fixture.hpp"

namespace sp::testing {
namespace {

using intake::FormFields;

class FormIntakeTest : public IntakeFixture {
 protected:
  void SetUp() override {
    IntakeFixture::SetUp();
    intake_ = std::make_unique<intake::FormIntake>(*helpdesk_);
  }
  void TearDown() override {
    intake_.reset();
    IntakeFixture::TearDown();
  }

  // A form rendered now and filled in for `wait`.
  FormFields filled(std::chrono::seconds wait = std::chrono::seconds(20)) {
    FormFields fields{"Jan Jansen",
                      "Jan@Example.nl",
                      "Router broken",
                      "It blinks red.",
                      "",
                      intake_->form_token(tenant_, clock_.now()).value()};
    clock_.advance(wait);
    return fields;
  }

  // Submits at the clock's time (read after `fields` was filled in).
  Result<intake::FormResult> submit(const FormFields& fields, const std::string& address) {
    return intake_->submit(tenant_, fields, address, clock_.now());
  }

  std::unique_ptr<intake::FormIntake> intake_;
};

TEST_F(FormIntakeTest, SubmissionOpensAWebTicketForTheCustomerFoundByEmail) {
  auto result = submit(filled(), "192.0.2.1");
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_FALSE(result->duplicate);
  EXPECT_EQ(result->ticket.channel, domain::Channel::Web);
  EXPECT_EQ(result->ticket.subject, "Router broken");
  auto customer = store_->get_customer(storage::Scope::of(tenant_), result->ticket.requester_id).value();
  EXPECT_EQ(customer.emails, std::vector<std::string>{"jan@example.nl"});
  EXPECT_EQ(customer.name, "Jan Jansen");
  EXPECT_EQ(customer.language, domain::Language::Nl);
  auto messages = store_->list_messages(storage::Scope::of(tenant_), result->ticket.id).value();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].body, "It blinks red.");
}

TEST_F(FormIntakeTest, HoneypotTooFastExpiredAndForgedTokensAreRefused) {
  auto bot = filled();
  bot.honeypot = "http://spam.example";
  EXPECT_EQ(submit(bot, "192.0.2.1").error().kind, kinds::kFormHoneypot);

  auto fast = filled(std::chrono::seconds(1));
  auto refused = submit(fast, "192.0.2.1");
  EXPECT_EQ(refused.error().code, ErrorCode::Forbidden);
  EXPECT_EQ(refused.error().kind, kinds::kFormTooFast);

  auto old = filled(std::chrono::seconds(3 * 3600));
  EXPECT_EQ(submit(old, "192.0.2.1").error().kind, kinds::kFormExpired);

  auto forged = filled();
  forged.token = "v1.1795000000000.00";
  EXPECT_EQ(submit(forged, "192.0.2.1").error().kind, kinds::kFormBadToken);

  // A token of another tenant's form is useless here.
  domain::Tenant other;
  other.slug = "other";
  other.name = "Other";
  other.created_at = clock_.now();
  auto other_id = store_->create_tenant(other).value().id;
  auto foreign = filled();
  foreign.token = intake_->form_token(other_id, clock_.now() - std::chrono::seconds(30)).value();
  EXPECT_EQ(submit(foreign, "192.0.2.1").error().kind, kinds::kFormBadToken);
  EXPECT_TRUE(store_->list_tickets(storage::Scope::platform(), {}).value().empty());
}

TEST_F(FormIntakeTest, SixthMessageFromOneAddressWithinTenMinutesIsRateLimited) {
  for (int idx = 0; idx < 5; ++idx) {
    auto fields = filled(std::chrono::seconds(5));
    fields.subject = "Question " + std::to_string(idx);
    ASSERT_TRUE(submit(fields, "198.51.100.7").ok()) << idx;
  }
  auto sixth = submit(filled(std::chrono::seconds(5)), "198.51.100.7");
  ASSERT_FALSE(sixth.ok());
  EXPECT_EQ(sixth.error().code, ErrorCode::Unavailable);
  EXPECT_EQ(sixth.error().kind, "rate-limited");
  // Another address is not affected, and the first one recovers.
  EXPECT_TRUE(submit(filled(std::chrono::seconds(5)), "198.51.100.8").ok());
  clock_.advance(std::chrono::minutes(3));
  EXPECT_TRUE(submit(filled(std::chrono::seconds(5)), "198.51.100.7").ok());
}

TEST_F(FormIntakeTest, DoubleSubmitOfOneFormIsOneTicket) {
  auto fields = filled();
  auto first = submit(fields, "192.0.2.1").value();
  auto second = submit(fields, "192.0.2.1").value();
  EXPECT_TRUE(second.duplicate);
  EXPECT_EQ(second.ticket.id, first.ticket.id);
  EXPECT_EQ(store_->list_tickets(storage::Scope::of(tenant_), {}).value().size(), 1u);
  // The same token with another address is another person's message.
  fields.email = "piet@example.nl";
  auto other = submit(fields, "192.0.2.1").value();
  EXPECT_NE(other.ticket.id, first.ticket.id);
}

TEST_F(FormIntakeTest, FieldErrorsNameTheField) {
  auto fields = filled();
  fields.email = "jan at example";
  auto bad = submit(fields, "192.0.2.1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(bad.error().field, "email");

  FormFields empty;
  auto errors = intake::check_form_fields(empty);
  std::vector<std::string> named;
  for (const auto& error : errors) named.push_back(error.field);
  EXPECT_EQ(named, (std::vector<std::string>{"name", "email", "subject", "body"}));
  EXPECT_TRUE(intake::check_form_fields(filled()).empty());
}

}  // namespace
}  // namespace sp::testing
