#include "macros/macro.hpp"

#include <gtest/gtest.h>

#include "macros/macro_json.hpp"

namespace sp::macros {
namespace {

using domain::Language;
using nlohmann::json;

RenderValues sample_values() {
  return RenderValues{"Anna de Vries", "T-123", "Router kapot", "Piet", "maandag 7 december 2026 om 14:30"};
}

TEST(MacroRender, FillsEveryKnownPlaceholder) {
  EXPECT_EQ(render("Beste {{customer.name}}, over {{ticket.reference}} ({{ticket.subject}}): antwoord vóór "
                   "{{sla.due_at}}. Groet, {{agent.name}}",
                   sample_values()),
            "Beste Anna de Vries, over T-123 (Router kapot): antwoord vóór maandag 7 december 2026 om 14:30. "
            "Groet, Piet");
}

TEST(MacroRender, AllowsSpacesInsideTheBracesAndRepeats) {
  EXPECT_EQ(render("{{ customer.name }} / {{customer.name}}", sample_values()),
            "Anna de Vries / Anna de Vries");
}

TEST(MacroRender, LeavesUnknownAndUnclosedBracesAsWritten) {
  EXPECT_EQ(render("{{nope}} {{agent.name}} {{ticket", sample_values()), "{{nope}} Piet {{ticket");
}

TEST(MacroRender, EmptyDueTimeRendersAsNothing) {
  RenderValues values = sample_values();
  values.sla_due_at.clear();
  EXPECT_EQ(render("[{{sla.due_at}}]", values), "[]");
}

TEST(MacroValidateText, AcceptsKnownPlaceholders) {
  EXPECT_TRUE(validate_text("{{customer.name}} {{ticket.reference}} {{sla.due_at}}", "texts.en").ok());
}

TEST(MacroValidateText, RejectsAnUnknownPlaceholderNamingIt) {
  auto checked = validate_text("Dear {{customer.first_name}}", "texts.en");
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().kind, kUnknownPlaceholder);
  EXPECT_EQ(checked.error().field, "texts.en");
  EXPECT_EQ(json::parse(checked.error().extensions_json)["placeholder"], "customer.first_name");
}

TEST(MacroValidateText, RejectsOversizedAndNonUtf8Text) {
  EXPECT_FALSE(validate_text(std::string(kMaxTextBytes + 1, 'a'), "texts.nl").ok());
  EXPECT_FALSE(validate_text("\xff\xfe", "texts.nl").ok());
}

TEST(MacroLanguage, PrefersTheCustomersLanguage) {
  std::map<Language, std::string> texts{{Language::Nl, "nl"}, {Language::En, "en"}, {Language::Zh, "zh"}};
  EXPECT_EQ(choose_language(texts, Language::Zh, Language::Nl), Language::Zh);
}

TEST(MacroLanguage, FallsBackToTheTenantDefaultThenAnyVariant) {
  std::map<Language, std::string> texts{{Language::Nl, "nl"}, {Language::En, "en"}};
  EXPECT_EQ(choose_language(texts, Language::Zh, Language::En), Language::En);
  std::map<Language, std::string> only_zh{{Language::Zh, "zh"}};
  EXPECT_EQ(choose_language(only_zh, Language::Nl, Language::En), Language::Zh);
  EXPECT_EQ(choose_language({}, Language::Nl, Language::En), std::nullopt);
}

domain::Ticket sample_ticket() {
  domain::Ticket ticket;
  ticket.id = domain::TicketId{123};
  ticket.status = domain::Status::Open;
  ticket.priority = domain::Priority::Normal;
  ticket.tags = {"billing", "vip"};
  return ticket;
}

TEST(MacroPatch, AddsAndRemovesTagsAndLeavesOutWhatWouldNotChange) {
  FieldChanges changes;
  changes.status = domain::Status::Open;  // already open
  changes.priority = domain::Priority::High;
  changes.tags_add = {"refund"};
  changes.tags_remove = {"vip"};
  auto patch = patch_for(sample_ticket(), changes);
  ASSERT_TRUE(patch.ok());
  EXPECT_FALSE(patch->status.has_value());
  EXPECT_EQ(patch->priority, domain::Priority::High);
  EXPECT_EQ(patch->tags, (std::vector<std::string>{"billing", "refund"}));
}

TEST(MacroPatch, RemovalWinsOverAdditionOfTheSameTag) {
  FieldChanges changes;
  changes.tags_add = {"vip"};
  changes.tags_remove = {"vip"};
  auto patch = patch_for(sample_ticket(), changes);
  ASSERT_TRUE(patch.ok());
  EXPECT_EQ(patch->tags, (std::vector<std::string>{"billing"}));
}

TEST(MacroPatch, FailsPastTwentyTags) {
  FieldChanges changes;
  for (int tag_idx = 0; tag_idx < 19; ++tag_idx) changes.tags_add.push_back("t" + std::to_string(tag_idx));
  EXPECT_FALSE(patch_for(sample_ticket(), changes).ok());
}

TEST(MacroJson, ParsesChangesAndRejectsUnknownMembers) {
  auto changes =
      parse_changes(json{{"status", "pending"}, {"assignee_id", nullptr}, {"tags_add", {"VIP"}}}, "changes.");
  ASSERT_TRUE(changes.ok());
  EXPECT_EQ(changes->status, domain::Status::Pending);
  ASSERT_TRUE(changes->assignee_id.has_value());
  EXPECT_FALSE(changes->assignee_id->has_value());
  EXPECT_EQ(changes->tags_add, (std::vector<std::string>{"vip"}));
  auto unknown = parse_changes(json{{"colour", "red"}}, "changes.");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().field, "changes.colour");
  EXPECT_FALSE(parse_changes(json{{"category", "x"}}, "", false).ok());
}

TEST(MacroJson, ADocumentRoundTripsAndATeamMacroNeedsItsTeam) {
  Macro macro;
  ASSERT_TRUE(
      apply_document(macro,
                     json{{"name", "Refund"},
                          {"scope", "tenant"},
                          {"texts", {{"nl", "Beste {{customer.name}}"}, {"en", "Dear {{customer.name}}"}}},
                          {"changes", {{"status", "solved"}}}},
                     true)
          .ok());
  json out = to_json(macro);
  EXPECT_EQ(out["texts"]["nl"], "Beste {{customer.name}}");
  EXPECT_EQ(out["changes"]["status"], "solved");
  Macro team;
  auto missing = apply_document(team, json{{"name", "x"}, {"scope", "team"}, {"texts", {{"en", "x"}}}}, true);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "team_id");
  Macro unnamed;
  EXPECT_FALSE(apply_document(unnamed, json{{"texts", {{"en", "x"}}}}, true).ok());
}

}  // namespace
}  // namespace sp::macros
