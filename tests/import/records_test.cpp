// The neutral import format: records parse into domain values, and a bad line is skipped with
// its line number and the field that is wrong while the others are kept.
#include <gtest/gtest.h>

#include "import/records.hpp"

namespace sp::import {
namespace {

TEST(ImportRecords, TicketRecordKeepsItsOriginalTimesAndNames) {
  auto record = parse_record_line(
      R"({"kind":"ticket","external_id":"17","subject":"Storing","status":"pending","priority":"urgent",)"
      R"("channel":"phone","tags":["a"],"requester":"c1","created_at":"2026-10-05T09:00:00Z",)"
      R"("updated_at":"2026-10-06T10:00:00.250Z"})");
  ASSERT_TRUE(record.ok()) << record.error().message;
  const auto& ticket = std::get<TicketRecord>(*record);
  EXPECT_EQ(ticket.external_id, "17");
  EXPECT_EQ(ticket.status, domain::Status::Pending);
  EXPECT_EQ(ticket.priority, domain::Priority::Urgent);
  EXPECT_EQ(ticket.channel, domain::Channel::Phone);
  EXPECT_EQ(format_rfc3339(ticket.created_at), "2026-10-05T09:00:00Z");
  ASSERT_TRUE(ticket.updated_at.has_value());
  EXPECT_EQ(to_unix_ms(*ticket.updated_at) % 1000, 250);
}

TEST(ImportRecords, NumericExternalIdsAreReadAsText) {
  auto record = parse_record_line(
      R"({"kind":"customer","external_id":12345,"name":"Jan","created_at":"2026-10-05T09:00:00Z"})");
  ASSERT_TRUE(record.ok()) << record.error().message;
  EXPECT_EQ(std::get<CustomerRecord>(*record).external_id, "12345");
}

TEST(ImportRecords, UnknownMembersAndValuesAreRefusedNamingTheField) {
  auto typo = parse_record_line(
      R"({"kind":"team","external_id":"g","name":"A","created_at":"2026-10-05T09:00:00Z","nmae":"B"})");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.error().field, "nmae");
  auto direction = parse_record_line(
      R"({"kind":"message","external_id":"m","ticket":"t","direction":"up","created_at":"2026-10-05T09:00:00Z"})");
  ASSERT_FALSE(direction.ok());
  EXPECT_EQ(direction.error().field, "direction");
  auto time = parse_record_line(R"({"kind":"team","external_id":"g","name":"A","created_at":"yesterday"})");
  ASSERT_FALSE(time.ok());
  EXPECT_EQ(time.error().field, "created_at");
  auto author = parse_record_line(
      R"({"kind":"message","external_id":"m","ticket":"t","direction":"inbound","author_type":"customer",)"
      R"("created_at":"2026-10-05T09:00:00Z"})");
  ASSERT_FALSE(author.ok());
  EXPECT_EQ(author.error().field, "author");
}

TEST(ImportRecords, JsonlSkipsBadLinesWithTheirNumberAndKeepsTheRest) {
  const std::string text =
      "{\"kind\":\"team\",\"external_id\":\"g1\",\"name\":\"A\",\"created_at\":\"2026-10-05T09:00:00Z\"}\n"
      "\n"
      "{not json\n"
      "{\"kind\":\"robot\"}\r\n"
      "{\"kind\":\"team\",\"external_id\":\"g2\",\"name\":\"B\",\"created_at\":\"2026-10-05T09:00:00Z\"}";
  auto parsed = parse_jsonl(text);
  ASSERT_EQ(parsed.records.size(), 2u);
  EXPECT_EQ(parsed.positions[1], "line 5");
  ASSERT_EQ(parsed.skipped.size(), 2u);
  EXPECT_EQ(parsed.skipped[0].where, "line 3");
  EXPECT_EQ(parsed.skipped[0].kind, "line");
  EXPECT_EQ(parsed.skipped[1].where, "line 4");
  EXPECT_EQ(parsed.skipped[1].kind, "robot");
  EXPECT_NE(parsed.skipped[1].reason.find("kind"), std::string::npos);
}

TEST(ImportRecords, EveryRecordReadsBackFromItsJson) {
  const char* lines[] = {
      R"({"kind":"agent","external_id":"a1","name":"王芳","email":"w@desk.example","role":"supervisor","team":"g","language":"zh","active":false,"created_at":"2026-01-05T08:00:00Z"})",
      R"({"kind":"message","external_id":"m1","ticket":"t1","direction":"note","author_type":"agent","author":"a1","body":"intern","created_at":"2026-10-05T11:30:00Z","automatic":true})",
      R"({"kind":"status_change","ticket":"t1","to":"on_hold","author_type":"system","at":"2026-10-05T13:00:00Z"})",
      R"({"kind":"attachment","message":"m1","ticket":"t1","filename":"a.bin","content_type":"application/pdf","content_base64":"AAEC/w=="})",
  };
  for (const char* line : lines) {
    auto record = parse_record_line(line);
    ASSERT_TRUE(record.ok()) << line << ": " << record.error().message;
    auto again = parse_record(to_json(*record));
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(to_json(*again), to_json(*record));
  }
}

TEST(ImportRecords, Base64RoundTripsAnyBytesAndRefusesGarbage) {
  const std::string bytes("\x00\x01\xfe\xff hello \xe4\xbd\xa0", 14);
  for (std::size_t length = 0; length <= bytes.size(); ++length) {
    auto encoded = encode_base64(bytes.substr(0, length));
    EXPECT_EQ(decode_base64(encoded), bytes.substr(0, length));
  }
  EXPECT_EQ(decode_base64("aGVs\nbG8="), "hello");
  EXPECT_FALSE(decode_base64("a$b").has_value());
  EXPECT_FALSE(decode_base64("a").has_value());
}

}  // namespace
}  // namespace sp::import
