#include "channels/webhook.hpp"

#include <gtest/gtest.h>

namespace sp::channels {
namespace {

const Timestamp kNow = from_unix_seconds(1795000000);

TEST(WebhookSignature, MatchesAnIndependentImplementation) {
  // printf '%s' '1795000000.{"call_id":"c-1"}' | openssl dgst -sha256 -hmac 's3cret'
  EXPECT_EQ(sign_webhook("s3cret", "1795000000", R"({"call_id":"c-1"})"),
            "269fe9cf284b460fe57d34a6dbb735c7e96f998f7cabb8e87c4991139c18e069");
}

TEST(WebhookSignature, GoodSignatureIsAccepted) {
  const std::string body = R"({"call_id":"c-1"})";
  const std::string ts = "1795000000";
  const std::string signature = sign_webhook("s3cret", ts, body);
  EXPECT_TRUE(verify_webhook("s3cret", ts, body, signature, kNow).ok());
  EXPECT_TRUE(verify_webhook("s3cret", ts, body, "sha256=" + signature, kNow).ok());
  std::string upper = signature;
  for (char& c : upper) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  EXPECT_TRUE(verify_webhook("s3cret", ts, body, upper, kNow).ok());
  // Within the window on both sides.
  EXPECT_TRUE(verify_webhook("s3cret", ts, body, signature, kNow + std::chrono::minutes(5)).ok());
  EXPECT_TRUE(verify_webhook("s3cret", ts, body, signature, kNow - std::chrono::minutes(5)).ok());
}

TEST(WebhookSignature, BadSignaturesAreRejected) {
  const std::string body = R"({"call_id":"c-1"})";
  const std::string ts = "1795000000";
  const std::string signature = sign_webhook("s3cret", ts, body);
  const auto expect_bad = [&](std::string_view secret, std::string_view t, std::string_view b,
                              std::string_view s, std::string_view kind) {
    auto result = verify_webhook(secret, t, b, s, kNow);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::Unauthenticated);
    EXPECT_EQ(result.error().kind, kind);
  };
  expect_bad("other", ts, body, signature, kinds::kWebhookBadSignature);
  expect_bad("s3cret", ts, body + " ", signature, kinds::kWebhookBadSignature);
  expect_bad("s3cret", ts, body, signature.substr(0, 63) + (signature[63] == '0' ? "1" : "0"),
             kinds::kWebhookBadSignature);
  expect_bad("s3cret", ts, body, "", kinds::kWebhookBadSignature);
  expect_bad("s3cret", ts, body, "zz" + signature.substr(2), kinds::kWebhookBadSignature);
  expect_bad("", ts, body, signature, kinds::kWebhookBadSignature);
  // The timestamp is covered by the MAC: shifting it breaks the signature.
  expect_bad("s3cret", "1795000001", body, signature, kinds::kWebhookBadSignature);
}

TEST(WebhookSignature, StaleAndMalformedTimestampsAreRejected) {
  const std::string body = "{}";
  const std::string old_ts = "1794999000";  // 1000 s before now
  auto stale = verify_webhook("k", old_ts, body, sign_webhook("k", old_ts, body), kNow);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, kinds::kWebhookStale);
  const std::string future_ts = "1795001000";
  EXPECT_EQ(verify_webhook("k", future_ts, body, sign_webhook("k", future_ts, body), kNow).error().kind,
            kinds::kWebhookStale);
  for (const char* ts : {"", "abc", "-5", "1795000000.5", "99999999999999999999"}) {
    EXPECT_EQ(verify_webhook("k", ts, body, sign_webhook("k", ts, body), kNow).error().kind,
              kinds::kWebhookBadTimestamp)
        << ts;
  }
}

TEST(CallRecordJson, ParsesEveryState) {
  auto answered = parse_call_record(R"({"call_id":"c-42","state":"answered","caller_number":"+31 20 123-4567",
      "agent_email":"Eva@Desk.Example","wait_seconds":35,"occurred_at":"2026-11-23T10:15:00Z","extra":1})");
  ASSERT_TRUE(answered.ok()) << answered.error().message;
  EXPECT_EQ(answered->call_id, "c-42");
  EXPECT_EQ(answered->state, CallState::Answered);
  EXPECT_EQ(answered->caller_number, "+31201234567");
  EXPECT_EQ(answered->agent_email, "eva@desk.example");
  EXPECT_EQ(answered->wait_seconds, 35);
  EXPECT_FALSE(answered->talk_seconds.has_value());
  EXPECT_EQ(format_rfc3339(answered->occurred_at), "2026-11-23T10:15:00Z");

  auto queued = parse_call_record(
      R"({"call_id":"c-1","state":"queued","caller_number":"0201234567","occurred_at":"2026-11-23T10:00:00Z"})");
  ASSERT_TRUE(queued.ok());
  EXPECT_EQ(queued->state, CallState::Queued);
  auto abandoned = parse_call_record(R"({"call_id":"c-2","state":"ABANDONED","caller_number":"112",
      "wait_seconds":300,"occurred_at":"2026-11-23T10:05:00+01:00"})");
  ASSERT_TRUE(abandoned.ok());
  EXPECT_EQ(abandoned->state, CallState::Abandoned);
  auto ended = parse_call_record(R"({"call_id":"c-3","state":"ended","caller_number":"+3120",
      "agent_email":"eva@desk.example","wait_seconds":10,"talk_seconds":240,"occurred_at":"2026-11-23T10:09:00Z"})");
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(ended->talk_seconds, 240);
}

TEST(CallRecordJson, ErrorsNameTheField) {
  const std::pair<const char*, const char*> cases[] = {
      {"not json", "body"},
      {"[1,2]", "body"},
      {R"({"state":"queued","caller_number":"123","occurred_at":"2026-11-23T10:00:00Z"})", "call_id"},
      {R"({"call_id":5,"state":"queued","caller_number":"123","occurred_at":"2026-11-23T10:00:00Z"})",
       "call_id"},
      {R"({"call_id":"c","state":"ringing","caller_number":"123","occurred_at":"2026-11-23T10:00:00Z"})",
       "state"},
      {R"({"call_id":"c","state":"queued","caller_number":"12a","occurred_at":"2026-11-23T10:00:00Z"})",
       "caller_number"},
      {R"({"call_id":"c","state":"queued","caller_number":"12","occurred_at":"2026-11-23T10:00:00Z"})",
       "caller_number"},
      {R"({"call_id":"c","state":"answered","caller_number":"123","wait_seconds":3,"occurred_at":"2026-11-23T10:00:00Z"})",
       "agent_email"},
      {R"({"call_id":"c","state":"answered","caller_number":"123","agent_email":"x","wait_seconds":3,"occurred_at":"2026-11-23T10:00:00Z"})",
       "agent_email"},
      {R"({"call_id":"c","state":"answered","caller_number":"123","agent_email":"a@b.c","occurred_at":"2026-11-23T10:00:00Z"})",
       "wait_seconds"},
      {R"({"call_id":"c","state":"abandoned","caller_number":"123","wait_seconds":-1,"occurred_at":"2026-11-23T10:00:00Z"})",
       "wait_seconds"},
      {R"({"call_id":"c","state":"abandoned","caller_number":"123","wait_seconds":1.5,"occurred_at":"2026-11-23T10:00:00Z"})",
       "wait_seconds"},
      {R"({"call_id":"c","state":"ended","caller_number":"123","agent_email":"a@b.c","wait_seconds":1,"occurred_at":"2026-11-23T10:00:00Z"})",
       "talk_seconds"},
      {R"({"call_id":"c","state":"queued","caller_number":"123"})", "occurred_at"},
      {R"({"call_id":"c","state":"queued","caller_number":"123","occurred_at":"yesterday"})", "occurred_at"},
  };
  for (const auto& [json, field] : cases) {
    auto result = parse_call_record(json);
    ASSERT_FALSE(result.ok()) << json;
    EXPECT_EQ(result.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(result.error().field, field) << json << ": " << result.error().message;
  }
}

TEST(CallRecordJson, HostileDocumentsAreRefused) {
  EXPECT_EQ(parse_call_record(std::string(100000, '[')).error().field, "body");
  EXPECT_EQ(parse_call_record(std::string(kMaxWebhookBodyBytes + 1, ' ')).error().field, "body");
  EXPECT_EQ(parse_call_record("{\"call_id\":\"\xff\"}").error().field, "body");  // invalid UTF-8
}

TEST(SocialMessageJson, ParsesAndValidates) {
  auto message = parse_social_message(R"({"platform":"X","handle":"@jan","thread_id":"t-9","message_id":"m-1",
      "text":"Waar blijft mijn bestelling?\nGroet","sent_at":"2026-11-23T10:15:00Z"})");
  ASSERT_TRUE(message.ok()) << message.error().message;
  EXPECT_EQ(message->platform, "x");
  EXPECT_EQ(message->handle, "@jan");
  EXPECT_EQ(message->thread_id, "t-9");
  EXPECT_EQ(message->message_id, "m-1");
  EXPECT_EQ(message->text, "Waar blijft mijn bestelling?\nGroet");
  const std::pair<const char*, const char*> cases[] = {
      {R"({"handle":"h","thread_id":"t","message_id":"m","text":"x","sent_at":"2026-11-23T10:15:00Z"})",
       "platform"},
      {R"({"platform":"a b","handle":"h","thread_id":"t","message_id":"m","text":"x","sent_at":"2026-11-23T10:15:00Z"})",
       "platform"},
      {R"({"platform":"x","handle":"h\u0001","thread_id":"t","message_id":"m","text":"x","sent_at":"2026-11-23T10:15:00Z"})",
       "handle"},
      {R"({"platform":"x","handle":"h","message_id":"m","text":"x","sent_at":"2026-11-23T10:15:00Z"})",
       "thread_id"},
      {R"({"platform":"x","handle":"h","thread_id":"t","text":"x","sent_at":"2026-11-23T10:15:00Z"})",
       "message_id"},
      {R"({"platform":"x","handle":"h","thread_id":"t","message_id":"m","text":"  ","sent_at":"2026-11-23T10:15:00Z"})",
       "text"},
      {R"({"platform":"x","handle":"h","thread_id":"t","message_id":"m","text":"x"})", "sent_at"},
  };
  for (const auto& [json, field] : cases) {
    auto result = parse_social_message(json);
    ASSERT_FALSE(result.ok()) << json;
    EXPECT_EQ(result.error().field, field) << json;
  }
}

}  // namespace
}  // namespace sp::channels
