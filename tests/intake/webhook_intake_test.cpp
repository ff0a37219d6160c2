// intake::WebhookIntake on a real SQLite store: signatures, stale timestamps, replayed
// nonces, phone calls and social threads becoming tickets exactly once.
#include "intake/webhook_intake.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "channels/webhook.hpp"
#include "intake_fixture.hpp"

namespace sp::testing {
namespace {

using domain::EventType;
using intake::WebhookChannel;
using nlohmann::json;

class WebhookIntakeTest : public IntakeFixture {
 protected:
  void SetUp() override {
    IntakeFixture::SetUp();
    intake_ = std::make_unique<intake::WebhookIntake>(*helpdesk_, *store_);
    secret_ = intake_->rotate_secret(tenant_).value();
  }
  void TearDown() override {
    intake_.reset();
    IntakeFixture::TearDown();
  }

  // Sends `body` signed now with a fresh nonce (unless given).
  Result<intake::WebhookResult> send(WebhookChannel channel, const std::string& body,
                                     std::string nonce = {}) {
    if (nonce.empty()) nonce = "n-" + std::to_string(++nonce_counter_);
    auto now = clock_.now();
    std::string timestamp = std::to_string(to_unix_ms(now) / 1000);
    auto signature = channels::sign_webhook(secret_, timestamp, body);
    return intake_->handle(tenant_, channel, timestamp, "sha256=" + signature, nonce, body, now);
  }

  static std::string call(const std::string& id, const std::string& state, json extra = {}) {
    json body = {{"call_id", id},
                 {"state", state},
                 {"caller_number", "+31 20 123 4567"},
                 {"occurred_at", "2026-11-20T10:00:00Z"}};
    for (auto& [key, value] : extra.items()) body[key] = value;
    return body.dump();
  }

  static std::string social(const std::string& thread, const std::string& message, const std::string& text,
                            const std::string& handle = "@jan") {
    return json{{"platform", "x"},       {"handle", handle}, {"thread_id", thread},
                {"message_id", message}, {"text", text},     {"sent_at", "2026-11-20T10:00:00Z"}}
        .dump();
  }

  std::unique_ptr<intake::WebhookIntake> intake_;
  std::string secret_;
  int nonce_counter_ = 0;
};

TEST_F(WebhookIntakeTest, GoodSignatureOpensAPhoneTicketForTheCaller) {
  auto result = send(WebhookChannel::Phone, call("c-1", "queued"));
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_TRUE(result->created);
  EXPECT_FALSE(result->duplicate);
  auto ticket = store_->get_ticket(storage::Scope::of(tenant_), result->ticket).value();
  EXPECT_EQ(ticket.channel, domain::Channel::Phone);
  auto customer = store_->get_customer(storage::Scope::of(tenant_), ticket.requester_id).value();
  EXPECT_EQ(customer.phones, std::vector<std::string>{"+31201234567"});
  EXPECT_EQ(customer.language, domain::Language::Nl);
  EXPECT_TRUE(customer.emails.empty());
}

TEST_F(WebhookIntakeTest, KnownCustomerIsFoundByPhoneNumber) {
  domain::Customer known;
  known.tenant_id = tenant_;
  known.name = "Jan Jansen";
  known.phones = {"+31201234567"};
  known.created_at = clock_.now();
  auto created = store_->create_customer(known).value();
  auto result = send(WebhookChannel::Phone, call("c-1", "queued")).value();
  auto ticket = store_->get_ticket(storage::Scope::of(tenant_), result.ticket).value();
  EXPECT_EQ(ticket.requester_id, created.id);
}

TEST_F(WebhookIntakeTest, BadSignatureStaleTimestampAndMissingSecretAreUnauthenticated) {
  std::string body = call("c-1", "queued");
  auto now = clock_.now();
  std::string timestamp = std::to_string(to_unix_ms(now) / 1000);
  auto forged = intake_->handle(tenant_, WebhookChannel::Phone, timestamp,
                                channels::sign_webhook("not-the-secret", timestamp, body), "n1", body, now);
  ASSERT_FALSE(forged.ok());
  EXPECT_EQ(forged.error().code, ErrorCode::Unauthenticated);
  EXPECT_EQ(forged.error().kind, kinds::kWebhookBadSignature);

  std::string old = std::to_string(to_unix_ms(now) / 1000 - 600);
  auto stale = intake_->handle(tenant_, WebhookChannel::Phone, old,
                               channels::sign_webhook(secret_, old, body), "n2", body, now);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, kinds::kWebhookStale);

  // A rotated secret replaces the old one at once.
  auto signed_with_old = channels::sign_webhook(secret_, timestamp, body);
  secret_ = intake_->rotate_secret(tenant_).value();
  auto rotated = intake_->handle(tenant_, WebhookChannel::Phone, timestamp, signed_with_old, "n3", body, now);
  EXPECT_EQ(rotated.error().code, ErrorCode::Unauthenticated);

  // A tenant that never made a secret accepts nothing.
  domain::Tenant other;
  other.slug = "other";
  other.name = "Other";
  other.created_at = now;
  auto other_id = store_->create_tenant(other).value().id;
  auto none = intake_->handle(other_id, WebhookChannel::Phone, timestamp,
                              channels::sign_webhook("guessed", timestamp, body), "n4", body, now);
  EXPECT_EQ(none.error().code, ErrorCode::Unauthenticated);
  EXPECT_TRUE(store_->list_tickets(storage::Scope::platform(), {}).value().empty());
}

TEST_F(WebhookIntakeTest, ReplayedNonceOrSignatureIsAConflictUntilTheWindowPasses) {
  ASSERT_TRUE(send(WebhookChannel::Phone, call("c-1", "queued"), "nonce-1").ok());
  auto replay = send(WebhookChannel::Phone, call("c-2", "queued"), "nonce-1");
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().code, ErrorCode::Conflict);
  EXPECT_EQ(replay.error().kind, "replayed-nonce");

  // The same signed request with a fresh nonce: the signature gives it away.
  std::string body = call("c-3", "queued");
  auto now = clock_.now();
  std::string timestamp = std::to_string(to_unix_ms(now) / 1000);
  auto signature = channels::sign_webhook(secret_, timestamp, body);
  ASSERT_TRUE(intake_->handle(tenant_, WebhookChannel::Phone, timestamp, signature, "a", body, now).ok());
  auto again = intake_->handle(tenant_, WebhookChannel::Phone, timestamp, signature, "b", body, now);
  EXPECT_EQ(again.error().kind, "replayed-nonce");

  auto missing = send(WebhookChannel::Phone, call("c-4", "queued"), " ");
  EXPECT_EQ(missing.error().field, "nonce");

  // Past twice the tolerance the nonce is swept (a request that old is stale anyway).
  clock_.advance(std::chrono::minutes(11));
  EXPECT_TRUE(send(WebhookChannel::Phone, call("c-5", "queued"), "nonce-1").ok());
}

TEST_F(WebhookIntakeTest, QueuedAnsweredEndedCallIsOneTicketWithWaitAndTalkTimes) {
  auto queued = send(WebhookChannel::Phone, call("c-7", "queued")).value();
  clock_.advance(std::chrono::seconds(35));
  auto answered = send(WebhookChannel::Phone,
                       call("c-7", "answered", {{"agent_email", "eva@desk.example"}, {"wait_seconds", 35}}))
                      .value();
  clock_.advance(std::chrono::minutes(4));
  auto ended = send(WebhookChannel::Phone,
                    call("c-7", "ended",
                         {{"agent_email", "eva@desk.example"}, {"wait_seconds", 35}, {"talk_seconds", 240}}))
                   .value();
  EXPECT_EQ(answered.ticket, queued.ticket);
  EXPECT_EQ(ended.ticket, queued.ticket);
  EXPECT_FALSE(answered.created);

  // A platform retry of "answered" (new nonce, same event) changes nothing.
  auto retry = send(WebhookChannel::Phone,
                    call("c-7", "answered", {{"agent_email", "eva@desk.example"}, {"wait_seconds", 35}}))
                   .value();
  EXPECT_TRUE(retry.duplicate);
  EXPECT_EQ(retry.ticket, queued.ticket);

  auto calls = events_of(queued.ticket, EventType::CallRecorded);
  ASSERT_EQ(calls.size(), 3u);
  std::vector<std::string> states;
  for (const auto& event : calls) {
    EXPECT_EQ(event.field, "call");
    states.push_back(json::parse(event.to)["state"]);
  }
  EXPECT_EQ(states, (std::vector<std::string>{"queued", "answered", "ended"}));
  auto answered_facts = json::parse(calls[1].to);
  EXPECT_EQ(answered_facts["wait_seconds"], 35);
  EXPECT_EQ(answered_facts["agent"], "eva@desk.example");
  EXPECT_EQ(answered_facts["caller"], "+31201234567");
  auto ended_facts = json::parse(calls[2].to);
  EXPECT_EQ(ended_facts["talk_seconds"], 240);
  EXPECT_EQ(store_->list_tickets(storage::Scope::of(tenant_), {}).value().size(), 1u);
  // One inbound opening message plus one internal note per state.
  auto messages = store_->list_messages(storage::Scope::of(tenant_), queued.ticket).value();
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_EQ(messages[0].kind, domain::MessageKind::Inbound);
  EXPECT_EQ(messages[2].kind, domain::MessageKind::Note);
  EXPECT_NE(messages[2].body.find("35 s waiting"), std::string::npos);
  // The row is still the fold of its history.
  auto ticket = store_->get_ticket(storage::Scope::of(tenant_), queued.ticket).value();
  EXPECT_EQ(ticket.version, 4);
}

TEST_F(WebhookIntakeTest, AbandonedCallIsRecordedAndTheTicketStaysOpenForACallBack) {
  auto queued = send(WebhookChannel::Phone, call("c-9", "queued")).value();
  auto abandoned = send(WebhookChannel::Phone, call("c-9", "abandoned", {{"wait_seconds", 95}})).value();
  EXPECT_EQ(abandoned.ticket, queued.ticket);
  auto calls = events_of(queued.ticket, EventType::CallRecorded);
  ASSERT_EQ(calls.size(), 2u);
  auto facts = json::parse(calls[1].to);
  EXPECT_EQ(facts["state"], "abandoned");
  EXPECT_EQ(facts["wait_seconds"], 95);
  EXPECT_TRUE(facts["talk_seconds"].is_null());
  auto ticket = store_->get_ticket(storage::Scope::of(tenant_), queued.ticket).value();
  EXPECT_EQ(ticket.status, domain::Status::New);

  // Fields the platform got wrong are named.
  auto bad = send(WebhookChannel::Phone, call("c-10", "answered"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::InvalidInput);
  EXPECT_FALSE(bad.error().field.empty());
}

TEST_F(WebhookIntakeTest, AnAnsweredEventArrivingFirstStillOpensTheTicket) {
  auto answered = send(WebhookChannel::Phone,
                       call("c-11", "answered", {{"agent_email", "eva@desk.example"}, {"wait_seconds", 5}}))
                      .value();
  EXPECT_TRUE(answered.created);
  auto queued = send(WebhookChannel::Phone, call("c-11", "queued")).value();
  EXPECT_EQ(queued.ticket, answered.ticket);
  EXPECT_EQ(events_of(answered.ticket, EventType::CallRecorded).size(), 2u);
}

TEST_F(WebhookIntakeTest, SocialThreadIsOneTicketAndEachMessageLandsOnce) {
  auto sent = send(WebhookChannel::Social, social("t-1", "m-1", "Where is my order?\nNr 123"));
  ASSERT_TRUE(sent.ok()) << sent.error().message << " " << sent.error().field;
  auto first = *sent;
  EXPECT_TRUE(first.created);
  auto second = send(WebhookChannel::Social, social("t-1", "m-2", "Any news?")).value();
  EXPECT_EQ(second.ticket, first.ticket);
  EXPECT_FALSE(second.created);
  clock_.advance(std::chrono::seconds(1));  // a platform's retry is signed anew
  auto repeat = send(WebhookChannel::Social, social("t-1", "m-1", "Where is my order?\nNr 123")).value();
  EXPECT_TRUE(repeat.duplicate);
  EXPECT_EQ(repeat.ticket, first.ticket);
  auto other_thread = send(WebhookChannel::Social, social("t-2", "m-3", "Another question")).value();
  EXPECT_NE(other_thread.ticket, first.ticket);

  auto ticket = store_->get_ticket(storage::Scope::of(tenant_), first.ticket).value();
  EXPECT_EQ(ticket.channel, domain::Channel::Social);
  EXPECT_EQ(ticket.subject, "Where is my order?");
  auto messages = store_->list_messages(storage::Scope::of(tenant_), first.ticket).value();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1].body, "Any news?");
  // One customer per handle, found again for the second thread.
  auto other = store_->get_ticket(storage::Scope::of(tenant_), other_thread.ticket).value();
  EXPECT_EQ(other.requester_id, ticket.requester_id);
  auto customer = store_->get_customer(storage::Scope::of(tenant_), ticket.requester_id).value();
  EXPECT_EQ(customer.name, "@jan (x)");
  EXPECT_TRUE(customer.emails.empty());
  // A mail whose References name the thread key cannot exist (keys hold a space), and a
  // different handle is a different customer.
  auto piet = send(WebhookChannel::Social, social("t-3", "m-4", "Hallo", "piet")).value();
  auto piet_ticket = store_->get_ticket(storage::Scope::of(tenant_), piet.ticket).value();
  EXPECT_NE(piet_ticket.requester_id, ticket.requester_id);
  EXPECT_EQ(store_->get_customer(storage::Scope::of(tenant_), piet_ticket.requester_id).value().name,
            "@piet (x)");
}

TEST_F(WebhookIntakeTest, MessageOnAClosedThreadOpensAFollowUp) {
  auto first = send(WebhookChannel::Social, social("t-1", "m-1", "Question")).value();
  domain::TicketPatch solve;
  solve.status = domain::Status::Solved;
  ASSERT_TRUE(store_
                  ->update_ticket(storage::Scope::of(tenant_), first.ticket,
                                  [&](const domain::Ticket& t) {
                                    return domain::apply_patch(t, solve, domain::Actor{}, clock_.now());
                                  })
                  .ok());
  domain::TicketPatch close;
  close.status = domain::Status::Closed;
  ASSERT_TRUE(store_
                  ->update_ticket(storage::Scope::of(tenant_), first.ticket,
                                  [&](const domain::Ticket& t) {
                                    return domain::apply_patch(t, close, domain::Actor{}, clock_.now());
                                  })
                  .ok());
  auto later = send(WebhookChannel::Social, social("t-1", "m-2", "Me again")).value();
  EXPECT_TRUE(later.created);
  EXPECT_NE(later.ticket, first.ticket);
}

}  // namespace
}  // namespace sp::testing
