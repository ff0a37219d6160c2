#include "demo/demo_improvements.hpp"

namespace sp::demo {

namespace {

struct Texts {
  const char* you_said_done;
  const char* we_did_done;
  const char* outcome_done;
  const char* you_said_open;
  const char* we_did_open;
};

Texts texts_for(domain::Language language) {
  switch (language) {
    case domain::Language::Nl:
      return {"Op maandagochtend moet je lang wachten aan de telefoon.",
              "Op maandagochtend werkt er een extra dienst van 08:00 tot 12:00.",
              "De gemiddelde wachttijd op maandag daalde van 6 naar 2 minuten.",
              "Ik wil zien hoe ver mijn aanvraag is zonder te bellen.",
              "In het klantenportaal komt bij elke aanvraag de verwachte antwoordtijd."};
    case domain::Language::Zh:
      return {"周一上午电话等待时间太长。", "周一上午08:00至12:00增加一个班次。",
              "周一平均等待时间从6分钟降至2分钟。", "希望不用打电话也能查看我的请求进度。",
              "在客户门户中为每个请求显示预计答复时间。"};
    case domain::Language::En:
      break;
  }
  return {"You wait too long on the phone on Monday mornings.",
          "An extra shift works on Monday mornings from 08:00 to 12:00.",
          "The average Monday wait fell from 6 to 2 minutes.",
          "I want to see how my request is doing without calling.",
          "The customer portal shows the expected answer time for every request."};
}

}  // namespace

Result<int> seed_demo_improvements(storage::Store& store, storage::ImprovementStore& improvements,
                                   Timestamp now) {
  auto done = store.get_setting("demo_improvements_seeded");
  if (!done) return done.error();
  if (*done) return 0;
  auto tenants = store.list_tenants(storage::Scope::platform());
  if (!tenants) return tenants.error();
  int created = 0;
  for (const auto& tenant : *tenants) {
    auto existing = improvements.list_improvements(storage::Scope::of(tenant.id), 1);
    if (!existing) return existing.error();
    if (!existing->empty()) continue;
    const Texts texts = texts_for(tenant.default_language);
    // Dates relative to the seed day, in UTC (close enough for demo data).
    const auto day = [&](int offset) {
      return format_rfc3339(now + std::chrono::hours(24 * offset)).substr(0, 10);
    };
    storage::ImprovementRecord finished;
    finished.tenant_id = tenant.id;
    finished.you_said = texts.you_said_done;
    finished.we_did = texts.we_did_done;
    finished.outcome = texts.outcome_done;
    finished.status = "done";
    finished.topic = "waiting_time";
    finished.due_on = day(-21);
    finished.done_on = day(-24);
    finished.created_at = finished.updated_at = now;
    auto stored = improvements.create_improvement(finished);
    if (!stored) return stored.error();
    storage::ImprovementRecord ongoing;
    ongoing.tenant_id = tenant.id;
    ongoing.you_said = texts.you_said_open;
    ongoing.we_did = texts.we_did_open;
    ongoing.status = "in_progress";
    ongoing.topic = "status_updates";
    ongoing.due_on = day(30);
    ongoing.created_at = ongoing.updated_at = now;
    stored = improvements.create_improvement(ongoing);
    if (!stored) return stored.error();
    created += 2;
  }
  SP_TRY(store.put_setting("demo_improvements_seeded", "1"));
  return created;
}

}  // namespace sp::demo
