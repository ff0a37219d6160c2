// The SLA engine through the real API and storage, with a fake clock: clocks through a
// conversation, pauses and reopen; a breach that fell due while the server was down fires
// exactly once after start; a policy change recomputes running tickets.
#include <gtest/gtest.h>

#include "sla_world.hpp"
#include "test_server.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/temp_dir.hpp"

namespace sp::testing {
namespace {

TEST(SlaApi, ClocksFollowTheConversationPausesAndReopen) {
  SlaWorld w;
  w.setup(kAlwaysOpen,
          {{"first_response_minutes", 60}, {"next_response_minutes", 30}, {"resolution_minutes", 240}});
  auto id = w.ticket();
  auto first = w.clock_of(id, "first_response");
  EXPECT_EQ(first["state"], "running");
  EXPECT_EQ(first["due_at"], "2026-11-23T09:00:00Z");

  w.server.clock().advance(minutes(10));
  w.say(id, "outbound", "We are on it.");
  EXPECT_EQ(w.clock_of(id, "first_response")["state"], "met");

  w.server.clock().advance(minutes(10));
  w.say(id, "inbound", "Any news?");
  auto next = w.clock_of(id, "next_response");
  EXPECT_EQ(next["state"], "running");
  EXPECT_EQ(next["due_at"], "2026-11-23T08:50:00Z");
  w.server.clock().advance(minutes(10));
  w.say(id, "outbound", "Yes: engineer booked.");
  EXPECT_EQ(w.clock_of(id, "next_response")["state"], "met");

  // Pending on the customer pauses resolution (40 minutes used so far).
  w.server.clock().advance(minutes(10));
  ASSERT_EQ(w.admin.request("PATCH", w.path(id), R"({"status":"pending"})").status, 200);
  w.server.clock().advance(minutes(120));
  auto paused = w.clock_of(id, "resolution");
  EXPECT_EQ(paused["state"], "paused");
  EXPECT_EQ(paused["business_seconds_used"], 40 * 60);
  EXPECT_TRUE(paused["due_at"].is_null());

  // The customer answers: the ticket reopens and resolution resumes with 200 minutes left.
  w.say(id, "inbound", "Engineer came, still broken.");
  auto resumed = w.clock_of(id, "resolution");
  EXPECT_EQ(resumed["state"], "running");
  EXPECT_EQ(resumed["due_at"], "2026-11-23T14:00:00Z");  // 10:40 + 200 min
  EXPECT_EQ(w.clock_of(id, "next_response")["cycle"], 2);

  w.server.clock().advance(minutes(20));
  w.say(id, "outbound", "Replaced the modem.");
  ASSERT_EQ(w.admin.request("PATCH", w.path(id), R"({"status":"solved"})").status, 200);
  EXPECT_EQ(w.clock_of(id, "resolution")["state"], "met");
  json events = body_of(w.admin.get(w.path(id) + "/events"));
  for (const auto& e : events["items"]) EXPECT_NE(e["type"], "sla_breached");
}

TEST(SlaApi, DueTimesSkipNightsWeekendsAndHolidays) {
  SlaWorld w(std::nullopt, *parse_rfc3339("2026-11-23T15:30:00Z"));  // Monday 16:30 Amsterdam
  w.setup(kOfficeHours, {{"first_response_minutes", 120}});
  auto id = w.ticket();
  // 30 minutes on Monday, Tuesday is a holiday, 90 minutes on Wednesday from 09:00.
  EXPECT_EQ(w.clock_of(id, "first_response")["due_at"], "2026-11-25T09:30:00Z");
}

TEST(SlaApi, BreachDueWhileServerWasDownFiresExactlyOnceAfterStart) {
  std::int64_t id = 0;
  // One database folder kept across two server lifetimes: the second starts 3 h later.
  TempDir dir("sp-sla-restart");
  const auto kept = dir.path();
  {
    SlaWorld w(kept, kMonday9);
    w.setup(kAlwaysOpen, {{"first_response_minutes", 60}});
    id = w.ticket();
  }
  {
    SlaWorld restarted(kept, kMonday9 + std::chrono::hours(3));
    auto& server = restarted.server;
    restarted.admin = server.agent_client(domain::TenantId{1}, Role::Admin, "again@acme.test");
    EXPECT_EQ(restarted.events_of_type(id, "sla_breached", "first_response"), 0);
    ASSERT_TRUE(server.sla().recompute_all().ok());  // what the scheduler does at start
    EXPECT_EQ(restarted.events_of_type(id, "sla_breached", "first_response"), 1);
    EXPECT_EQ(restarted.events_of_type(id, "sla_at_risk", "first_response"), 1);
    ASSERT_TRUE(server.sla().recompute_all().ok());
    ASSERT_TRUE(server.scheduler().run_once().ok());
    server.clock().advance(std::chrono::hours(1));
    ASSERT_TRUE(server.scheduler().run_once().ok());
    EXPECT_EQ(restarted.events_of_type(id, "sla_breached", "first_response"), 1);
    auto breached = body_of(restarted.admin.get("/api/v1/tickets?sla=breached"))["items"];
    ASSERT_EQ(breached.size(), 1u);
    EXPECT_EQ(breached[0]["id"], id);
    auto notes = body_of(restarted.admin.get("/api/v1/notifications"))["items"];
    EXPECT_GE(notes.size(), 2u);
  }
}

// A change that reached this process only through the database (another process, or a crash
// before the refresh) is found by its durable mark; the mark is gone once refreshed.
TEST(SlaApi, ADurableRefreshMarkBringsAChangeMadeElsewhereIntoTheTimers) {
  SlaWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 60}});
  auto id = w.ticket();
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  auto& sla_store = dynamic_cast<storage::SlaStore&>(w.server.store());
  EXPECT_TRUE(sla_store.sla_refresh_marks(10)->empty());
  auto timer = sla_store.get_sla_timer(domain::TicketId{id});
  ASSERT_TRUE(timer.ok() && timer->has_value());
  ASSERT_TRUE((*timer)->next_deadline.has_value());

  // Another process answers the customer: the event and its mark, but no in-memory mark here.
  auto& sqlite = dynamic_cast<storage::sqlite::SqliteStore&>(w.server.store());
  w.server.clock().advance(minutes(5));
  const auto at =
      std::chrono::duration_cast<std::chrono::milliseconds>(w.server.clock().now().time_since_epoch());
  ASSERT_TRUE(
      sqlite
          .write([&](storage::sqlite::Connection& conn) -> Result<void> {
            return conn.exec(
                "INSERT INTO messages(tenant_id, ticket_id, kind, author_type, author_id, body, "
                "created_at) SELECT tenant_id, id, 'outbound', 'agent', 1, 'Answered elsewhere', " +
                std::to_string(at.count()) + " FROM tickets WHERE id = " + std::to_string(id) +
                "; INSERT INTO ticket_events(ticket_id, seq, tenant_id, type, actor_type, actor_id, at, "
                "field, from_value, to_value, message_kind, message_id) SELECT " +
                std::to_string(id) +
                ", (SELECT max(seq) + 1 FROM ticket_events WHERE ticket_id = " + std::to_string(id) +
                "), tenant_id, 'message_added', 'agent', 1, " + std::to_string(at.count()) +
                ", '', '', '', 'outbound', last_insert_rowid() FROM tickets WHERE id = " +
                std::to_string(id) + ";");
          })
          .ok());
  ASSERT_EQ(sla_store.sla_refresh_marks(10)->size(), 1u);
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  EXPECT_TRUE(sla_store.sla_refresh_marks(10)->empty());
  // First response met: nothing left to be due.
  auto after = sla_store.get_sla_timer(domain::TicketId{id});
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(!after->has_value() || !(*after)->next_deadline.has_value());
  w.server.clock().advance(minutes(120));
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  EXPECT_EQ(w.events_of_type(id, "sla_breached", "first_response"), 0);
}

// At start the open tickets are recomputed only when the SLA rules changed since the last
// complete pass; with the same rules a start reads one setting, however many tickets there are.
TEST(SlaApi, StartRecomputesOnlyWhenTheRulesChanged) {
  SlaWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 60}});
  auto id = w.ticket();
  auto& sla = w.server.sla();
  auto first = sla.recompute_if_rules_changed();
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->has_value());  // a new database: no pass recorded yet
  auto second = sla.recompute_if_rules_changed();
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->has_value());

  // A stale timer (as an older release left it) is repaired after the rules version moved on.
  auto& sqlite = dynamic_cast<storage::sqlite::SqliteStore&>(w.server.store());
  ASSERT_TRUE(sqlite
                  .write([](storage::sqlite::Connection& conn) -> Result<void> {
                    return conn.exec("DELETE FROM sla_timers; DELETE FROM sla_refresh_marks;");
                  })
                  .ok());
  ASSERT_TRUE(w.server.store().put_setting("sla.rules_version", "2020-01-01").ok());
  auto& sla_store = dynamic_cast<storage::SlaStore&>(w.server.store());
  ASSERT_FALSE(sla_store.get_sla_timer(domain::TicketId{id})->has_value());
  auto third = sla.recompute_if_rules_changed();
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third->has_value());
  auto timer = sla_store.get_sla_timer(domain::TicketId{id});
  ASSERT_TRUE(timer.ok() && timer->has_value());
  EXPECT_TRUE((*timer)->next_deadline.has_value());
  EXPECT_EQ(*w.server.store().get_setting("sla.rules_version").value(),
            std::string(service::SlaService::kRulesVersion));
}

TEST(SlaApi, SchedulerFiresAtRiskThenBreachAsTimePasses) {
  SlaWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 60}},
          {{"escalation", {{{"target", "first_response"}, {"at", 1.0}, {"action", "raise_priority"}}}}});
  auto id = w.ticket();
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  EXPECT_EQ(w.events_of_type(id, "sla_at_risk", "first_response"), 0);
  w.server.clock().advance(minutes(46));
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  EXPECT_EQ(w.events_of_type(id, "sla_at_risk", "first_response"), 1);
  EXPECT_EQ(w.events_of_type(id, "sla_breached", "first_response"), 0);
  EXPECT_EQ(body_of(w.admin.get("/api/v1/tickets?sla=at_risk"))["items"].size(), 1u);
  w.server.clock().advance(minutes(15));
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  EXPECT_EQ(w.events_of_type(id, "sla_breached", "first_response"), 1);
  // The escalation ladder raised the priority exactly once.
  EXPECT_EQ(body_of(w.admin.get(w.path(id)))["priority"], "high");
}

TEST(SlaApi, PolicyChangeRecomputesRunningTickets) {
  SlaWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 240}});
  auto id = w.ticket();
  EXPECT_EQ(w.clock_of(id, "first_response")["due_at"], "2026-11-23T12:00:00Z");
  auto policy = body_of(w.admin.get("/api/v1/sla/policies/" + std::to_string(w.policy_id)));
  policy["targets"]["first_response_minutes"] = 60;
  auto updated = w.admin.request("PUT", "/api/v1/sla/policies/" + std::to_string(w.policy_id), policy.dump());
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(w.clock_of(id, "first_response")["due_at"], "2026-11-23T09:00:00Z");
  auto queue = body_of(w.admin.get("/api/v1/tickets?sort=due"))["items"];
  ASSERT_EQ(queue.size(), 1u);
}

TEST(SlaApi, QueueSortsByDueTimeWithOverdueFirst) {
  SlaWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 60}});
  auto older = w.ticket();
  w.server.clock().advance(minutes(30));
  auto newer = w.ticket();
  w.say(older, "outbound", "answered");  // older has no running first response any more
  auto third = w.ticket();
  ASSERT_TRUE(w.server.scheduler().run_once().ok());  // timers are refreshed off the request path
  auto queue = body_of(w.admin.get("/api/v1/tickets?sort=due&limit=2"))["items"];
  ASSERT_EQ(queue.size(), 2u);
  EXPECT_EQ(queue[0]["id"], newer);
  EXPECT_EQ(queue[1]["id"], third);
  auto page = body_of(w.admin.get("/api/v1/tickets?sort=due&limit=2"));
  auto rest = body_of(w.admin.get("/api/v1/tickets?sort=due&limit=2&cursor=" +
                                  page["next_cursor"].get<std::string>()))["items"];
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0]["id"], older);
}

std::vector<std::int64_t> ids_of(const json& items) {
  std::vector<std::int64_t> ids;
  for (const auto& item : items) ids.push_back(item["id"].get<std::int64_t>());
  return ids;
}

TEST(SlaApi, UrgencyQueuePutsSavableTicketsBeforeBreachedOnesAndPagesWithoutGaps) {
  SlaWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 60}});
  auto breached_first = w.ticket();  // due 09:00Z
  w.server.clock().advance(minutes(5));
  auto breached_last = w.ticket();  // due 09:05Z
  w.server.clock().advance(minutes(15));
  auto soon = w.ticket();  // due 09:20Z, at risk at 09:10Z
  w.server.clock().advance(minutes(50));
  auto later = w.ticket();  // due 10:10Z
  auto answered = w.ticket();
  w.say(answered, "outbound", "answered");  // no running clock any more
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  // Savable ones by due time, then the breached ones most recent first, then those without a clock.
  const std::vector<std::int64_t> expected{soon, later, breached_last, breached_first, answered};
  auto all = body_of(w.admin.get("/api/v1/tickets?sort=urgency&limit=50"));
  EXPECT_EQ(ids_of(all["items"]), expected);
  std::vector<std::int64_t> paged;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    auto body = body_of(w.admin.get("/api/v1/tickets?sort=urgency&limit=2" + cursor));
    for (auto id : ids_of(body["items"])) paged.push_back(id);
    if (body["next_cursor"].is_null()) break;
    cursor = "&cursor=" + body["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(paged, expected);
  // The SLA filters combine with the order; at risk excludes what is already breached.
  EXPECT_EQ(ids_of(body_of(w.admin.get("/api/v1/tickets?sort=urgency&sla=breached"))["items"]),
            (std::vector<std::int64_t>{breached_last, breached_first}));
  EXPECT_EQ(ids_of(body_of(w.admin.get("/api/v1/tickets?sla=at_risk"))["items"]),
            (std::vector<std::int64_t>{soon}));
  EXPECT_EQ(w.admin.get("/api/v1/tickets?sort=urgency&cursor=k9.1.1").status, 422);
  EXPECT_EQ(w.admin.get("/api/v1/tickets?sort=urgency&cursor=garbage").status, 422);
}

json view_of(const json& views, const std::string& id) {
  for (const auto& view : views["items"]) {
    if (view["id"] == id) return view;
  }
  return nullptr;
}

TEST(SlaApi, DefaultViewsCountWhatTheirQueriesList) {
  SlaWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 60}});
  auto first = w.ticket();
  auto second = w.ticket();
  auto third = w.ticket();
  auto views = body_of(w.admin.get("/api/v1/views"));
  EXPECT_EQ(view_of(views, "open")["count"], 3);
  EXPECT_EQ(view_of(views, "unassigned")["count"], 3);
  EXPECT_EQ(view_of(views, "mine")["count"], 0);
  EXPECT_EQ(view_of(views, "at_risk")["count"], 0);
  // The "mine" query names this agent: take the id from it and assign one ticket.
  const std::string mine = view_of(views, "mine")["query"];
  const auto at = mine.find("assignee_id=") + 12;
  const std::string me = mine.substr(at, mine.find('&', at) - at);
  auto assigned = w.admin.request("PATCH", w.path(first), R"({"assignee_id":)" + me + "}");
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  auto solved = w.admin.request("PATCH", w.path(second), R"({"status":"solved"})");
  ASSERT_EQ(solved.status, 200) << solved.body;
  w.server.clock().advance(minutes(50));
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  views = body_of(w.admin.get("/api/v1/views"));
  EXPECT_EQ(view_of(views, "open")["count"], 2);
  EXPECT_EQ(view_of(views, "mine")["count"], 1);
  EXPECT_EQ(view_of(views, "unassigned")["count"], 1);
  EXPECT_EQ(view_of(views, "at_risk")["count"], 2);
  EXPECT_EQ(view_of(views, "breached")["count"], 0);
  // Each count equals the length of its own listing.
  for (const auto& view : views["items"]) {
    auto listed = body_of(w.admin.get("/api/v1/tickets?limit=100&" + view["query"].get<std::string>()));
    EXPECT_EQ(listed["items"].size(), view["count"].get<std::size_t>()) << view["id"];
  }
  EXPECT_EQ(ids_of(body_of(w.admin.get("/api/v1/tickets?" + mine))["items"]),
            (std::vector<std::int64_t>{first}));
  w.server.clock().advance(minutes(15));
  ASSERT_TRUE(w.server.scheduler().run_once().ok());
  views = body_of(w.admin.get("/api/v1/views"));
  EXPECT_EQ(view_of(views, "breached")["count"], 2);
  EXPECT_EQ(view_of(views, "at_risk")["count"], 0);
  // Breached and handed back: the clock follows the assignee into "unassigned".
  auto handed_back = w.admin.request("PATCH", w.path(first), R"({"assignee_id":null})");
  ASSERT_EQ(handed_back.status, 200) << handed_back.body;
  EXPECT_TRUE(body_of(w.admin.get("/api/v1/tickets?" + mine))["items"].empty());
  const std::string unassigned = view_of(body_of(w.admin.get("/api/v1/views")), "unassigned")["query"];
  EXPECT_EQ(ids_of(body_of(w.admin.get("/api/v1/tickets?" + unassigned))["items"]),
            (std::vector<std::int64_t>{third, first}));
}

TEST(SlaApi, InvalidCalendarsAndPoliciesAreRejectedNamingTheField) {
  SlaWorld w;
  w.setup(kAlwaysOpen, {{"first_response_minutes", 60}});
  auto overlapping = w.admin.post(
      "/api/v1/calendars",
      json{{"name", "Bad"},
           {"calendar",
            {{"timezone", "Europe/Amsterdam"},
             {"weekly",
              {{"tue", json::array({json::array({"08:30", "12:00"}), json::array({"11:00", "17:30"})})}}}}}}
          .dump());
  EXPECT_EQ(overlapping.status, 422);
  EXPECT_EQ(body_of(overlapping)["field"], "weekly.tue[1]");
  auto zone = w.admin.post("/api/v1/calendars",
                           json{{"name", "Mars"}, {"calendar", {{"timezone", "Mars/Olympus"}}}}.dump());
  EXPECT_EQ(zone.status, 422);
  EXPECT_EQ(body_of(zone)["field"], "timezone");
  auto target = w.admin.post(
      "/api/v1/sla/policies",
      json{{"name", "Zero"}, {"calendar_id", w.calendar_id}, {"targets", {{"first_response_minutes", 0}}}}
          .dump());
  EXPECT_EQ(target.status, 422);
  EXPECT_EQ(body_of(target)["field"], "targets.first_response_minutes");
  auto foreign = w.admin.post(
      "/api/v1/sla/policies",
      json{{"name", "Other"}, {"calendar_id", 999}, {"targets", {{"first_response_minutes", 5}}}}.dump());
  EXPECT_EQ(foreign.status, 422);
  EXPECT_EQ(body_of(foreign)["field"], "calendar_id");
  auto agent = w.server.agent_client(domain::TenantId{w.tenant_id}, Role::Agent, "agent@acme.test");
  EXPECT_EQ(agent.post("/api/v1/calendars", json{{"name", "Mine"}, {"calendar", kAlwaysOpen}}.dump()).status,
            403);
  EXPECT_EQ(body_of(w.admin.get("/api/v1/sla/policies"))["items"].size(), 1u);
}

}  // namespace
}  // namespace sp::testing

namespace sp::testing {
namespace {

TEST(SlaApi, HolidaysImportedFromICalendarMoveDueTimes) {
  SlaWorld w(std::nullopt, *parse_rfc3339("2027-04-26T14:00:00Z"));  // Monday 16:00 Amsterdam
  w.setup(kOfficeHours, {{"first_response_minutes", 120}});
  std::string ical =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:k@test\r\n"
      "DTSTART;VALUE=DATE:20140427\r\nRRULE:FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=27\r\n"
      "SUMMARY:Koningsdag\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  auto imported = w.admin.post("/api/v1/calendars/" + std::to_string(w.calendar_id) + "/holidays/import",
                               json{{"ical", ical}, {"from_year", 2026}, {"to_year", 2030}}.dump());
  ASSERT_EQ(imported.status, 200) << imported.body;
  auto holidays = body_of(imported)["calendar"]["holidays"];
  EXPECT_NE(std::find(holidays.begin(), holidays.end(), json("2027-04-27")), holidays.end());
  auto id = w.ticket();
  // One hour on Monday, Tuesday 27 April is King's Day, one hour on Wednesday.
  EXPECT_EQ(w.clock_of(id, "first_response")["due_at"], "2027-04-28T08:00:00Z");
  auto garbage = w.admin.post("/api/v1/calendars/" + std::to_string(w.calendar_id) + "/holidays/import",
                              json{{"ical", "nope"}, {"from_year", 2026}, {"to_year", 2030}}.dump());
  EXPECT_EQ(garbage.status, 422);
  EXPECT_EQ(body_of(garbage)["field"], "ical");
}

}  // namespace
}  // namespace sp::testing

namespace sp::testing {
namespace {

// Time in each status (issue 17): calendar and business seconds per status from the history,
// up to now; the ticket's own tenant only.
TEST(SlaApi, TimeInEachStatusFollowsTheHistoryInCalendarAndBusinessTime) {
  SlaWorld w;  // Monday 09:00 Amsterdam; the office closes at 17:00 and Tuesday is a holiday
  w.setup(kOfficeHours, {{"first_response_minutes", 60}});
  const auto id = w.ticket();
  w.server.clock().advance(minutes(60));  // 10:00: open
  ASSERT_EQ(w.admin.request("PATCH", w.path(id), R"({"status":"open"})").status, 200);
  w.server.clock().advance(minutes(360));  // 16:00: pending until Wednesday 10:00
  ASSERT_EQ(w.admin.request("PATCH", w.path(id), R"({"status":"pending"})").status, 200);
  w.server.clock().advance(minutes(42 * 60));
  ASSERT_EQ(w.admin.request("PATCH", w.path(id), R"({"status":"open"})").status, 200);
  w.server.clock().advance(minutes(30));
  auto response = w.admin.get(w.path(id) + "/status-times");
  ASSERT_EQ(response.status, 200) << response.body;
  const json times = body_of(response);
  EXPECT_EQ(times["current"], "open");
  EXPECT_EQ(times["since"], "2026-11-25T09:00:00Z");
  std::map<std::string, json> by_status;
  for (const auto& s : times["statuses"]) by_status[s["status"].get<std::string>()] = s;
  ASSERT_EQ(by_status.size(), 3u) << response.body;
  EXPECT_EQ(by_status["new"]["seconds"], 3600);
  EXPECT_EQ(by_status["new"]["business_seconds"], 3600);
  EXPECT_EQ(by_status["open"]["seconds"], (360 + 30) * 60);
  EXPECT_EQ(by_status["open"]["entered"], 2);
  // Pending Monday 16:00 to Wednesday 10:00: 42 hours, of which Monday 16-17 and Wednesday
  // 09-10 are business hours (Tuesday is a holiday).
  EXPECT_EQ(by_status["pending"]["seconds"], 42 * 3600);
  EXPECT_EQ(by_status["pending"]["business_seconds"], 2 * 3600);

  EXPECT_EQ(w.admin.get("/api/v1/tickets/999999/status-times").status, 404);
  auto platform = w.server.agent_client(std::nullopt, Role::Admin, "root2@platform.test");
  const auto other = body_of(platform.post("/api/v1/tenants", R"({"slug":"globex","name":"Globex"})"))["id"];
  auto outsider =
      w.server.agent_client(domain::TenantId{other.get<std::int64_t>()}, Role::Agent, "a@globex.test");
  EXPECT_EQ(outsider.get(w.path(id) + "/status-times").status, 404);
}

}  // namespace
}  // namespace sp::testing
