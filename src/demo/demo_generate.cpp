#include "demo/demo_generate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>

#include "domain/ticket_rules.hpp"
#include "domain/validation.hpp"

namespace sp::demo {

namespace {

using namespace std::chrono;
using domain::Actor;
using domain::ActorType;
using domain::Agent;
using domain::Channel;
using domain::Language;
using domain::MessageKind;
using domain::Priority;
using domain::Role;
using domain::Status;
using domain::TicketPatch;

constexpr std::array<Channel, 5> kChannels = {Channel::Email, Channel::Web, Channel::Chat, Channel::Phone,
                                              Channel::Social};
// Tags an agent may add while working, beside the category's own.
constexpr std::array<std::string_view, 3> kWorkTags = {"callback", "repeat-contact", "needs-followup"};
constexpr std::array<std::string_view, 5> kMailDomains = {"example.com", "example.net", "example.org",
                                                          "mail.example.com", "post.example.net"};

std::string ascii_of(const NamePart& part) {
  if (!part.ascii.empty()) {
    return std::string(part.ascii);
  }
  std::string out;
  for (char c : part.shown) {
    if (c == ' ' || c == '\'') {
      continue;
    }
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::string full_name(const TenantContent& content, const NamePart& first, const NamePart& last) {
  if (content.family_name_first) {
    return std::string(last.shown) + std::string(first.shown);
  }
  return std::string(first.shown) + " " + std::string(last.shown);
}

std::string digits(DemoRandom& random, int count) {
  std::string out;
  for (int idx = 0; idx < count; ++idx) {
    out.push_back(static_cast<char>('0' + random.between(0, 9)));
  }
  return out;
}

// Local time of a tenant, approximated as described in demo_content.hpp. Instants are kept
// as sys_time shifted by the offset ("local wall clock read as if it were UTC").
class TenantClock {
 public:
  explicit TenantClock(const TenantContent& content) : content_(content) {}

  Duration offset(Timestamp utc) const {
    Duration off = minutes{content_.utc_offset_minutes};
    if (content_.eu_summer_time) {
      // EU and UK summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on
      // the last Sunday of October.
      auto this_year = year_month_day{floor<days>(utc)}.year();
      Timestamp start = sys_days{this_year / March / Sunday[last]} + hours{1};
      Timestamp end = sys_days{this_year / October / Sunday[last]} + hours{1};
      if (utc >= start && utc < end) {
        off += hours{1};
      }
    }
    return off;
  }

  Timestamp local(Timestamp utc) const { return utc + offset(utc); }

  static int weekday_of(Timestamp local) { return weekday{floor<days>(local)}.c_encoding(); }

  static int minute_of_day(Timestamp local) {
    return static_cast<int>(duration_cast<minutes>(local - floor<days>(local)).count());
  }

  bool is_open(Timestamp utc) const {
    Timestamp here = local(utc);
    const auto& hours_today = content_.hours[static_cast<std::size_t>(weekday_of(here))];
    int minute = minute_of_day(here);
    return minute >= hours_today.open_minute && minute < hours_today.close_minute;
  }

  // The first instant at or after `utc` when the tenant's service desk is open.
  Timestamp next_open(Timestamp utc) const {
    for (int attempt = 0; attempt < 9; ++attempt) {
      Duration off = offset(utc);
      Timestamp here = utc + off;
      sys_days day = floor<days>(here);
      const auto& hours_today = content_.hours[static_cast<std::size_t>(weekday{day}.c_encoding())];
      Duration since_midnight = here - Timestamp{day};
      if (hours_today.open_minute < hours_today.close_minute &&
          since_midnight < minutes{hours_today.close_minute}) {
        if (since_midnight >= minutes{hours_today.open_minute}) {
          return utc;
        }
        return Timestamp{day} + minutes{hours_today.open_minute} - off;
      }
      utc = Timestamp{day + days{1}} - off;
    }
    return utc;  // a desk that never opens: the content tables do not have one
  }

 private:
  const TenantContent& content_;
};

std::string format_amount(const TenantContent& content, DemoRandom& random) {
  auto whole = random.between(content.amount_min, content.amount_max);
  static constexpr std::array<int, 5> kCents = {0, 50, 95, 99, 45};
  int cents = kCents[random.index(kCents)];
  char buf[48];
  switch (content.language) {
    case Language::Nl:
      std::snprintf(buf, sizeof buf, "€ %lld,%02d", static_cast<long long>(whole), cents);
      break;
    case Language::En:
      std::snprintf(buf, sizeof buf, "£%lld.%02d", static_cast<long long>(whole), cents);
      break;
    case Language::Zh:
      std::snprintf(buf, sizeof buf, "%lld元", static_cast<long long>(whole));
      break;
  }
  return buf;
}

std::string format_date(const TenantContent& content, Timestamp local) {
  sys_days day = floor<days>(local);
  year_month_day ymd{day};
  auto weekday_name = content.weekdays[weekday{day}.c_encoding()];
  auto month_name = content.months[static_cast<unsigned>(ymd.month()) - 1];
  auto day_number = std::to_string(static_cast<unsigned>(ymd.day()));
  if (content.language == Language::Zh) {
    return std::string(month_name) + day_number + "日（" + std::string(weekday_name) + "）";
  }
  return std::string(weekday_name) + " " + day_number + " " + std::string(month_name);
}

enum class Step { Solve, AskInfo, Hold };

// Writes one ticket's history, step by step, through the domain rules. Each step happens
// at a realistic time after the previous one; the story stops at the first step that would
// lie after `now`, which leaves recent tickets new, open or pending.
class TicketStory {
 public:
  TicketStory(const TenantContent& content, const TenantCast& cast, const TenantClock& clock,
              DemoRandom& random, Timestamp now)
      : content_(content), cast_(cast), clock_(clock), random_(random), now_(now) {
    for (std::size_t idx = 0; idx < content_.categories.size(); ++idx) {
      category_weights_.push_back(content_.categories[idx].weight);
      if (content_.categories[idx].category == "major_complaint") {
        complaints_team_ = content_.categories[idx].team;
      }
    }
  }

  Result<storage::ImportedTicket> tell(Timestamp created, const Incident* incident) {
    out_ = storage::ImportedTicket{};
    error_.reset();
    incident_ = incident;
    choose_circumstances(created);
    auto drafted = validated_ticket(created);
    if (!drafted) {
      return drafted.error();
    }
    live();
    if (error_) {
      return internal_error("demo ticket breaks a domain rule: " + error_->message);
    }
    return std::move(out_);
  }

 private:
  // --- what the ticket is about -------------------------------------------------------

  void choose_circumstances(Timestamp created) {
    created_ = created;
    last_ = created;
    category_ = &content_.categories[random_.weighted(category_weights_)];
    if (incident_ != nullptr) {
      for (const auto& category : content_.categories) {
        if (category.category == incident_->category) {
          category_ = &category;
        }
      }
    }
    scenario_ = &random_.pick(incident_ != nullptr ? incident_->scenarios : category_->scenarios);
    major_ = category_->category == "major_complaint";
    channel_ = kChannels[random_.weighted(content_.channel_weight)];
    // The phone lines are closed outside opening hours; such customers use the web form.
    if (channel_ == Channel::Phone && !clock_.is_open(created)) {
      channel_ = Channel::Web;
    }
    priority_ = choose_priority();
    // Few customers write often: a skewed pick gives regulars and one-off writers.
    auto customers = static_cast<double>(cast_.customers.size());
    auto pick = static_cast<std::size_t>(customers * std::pow(random_.unit(), 1.6));
    customer_ = &cast_.customers[std::min(pick, cast_.customers.size() - 1)];
    agent_ = nullptr;
    order_ = std::string(content_.order_prefix) + digits(random_, content_.order_digits);
    amount_ = format_amount(content_, random_);
    product_ = std::string(random_.pick(content_.products));
    city_ = std::string(incident_ != nullptr && !incident_->city.empty() ? incident_->city
                                                                         : random_.pick(content_.cities));
  }

  Priority choose_priority() {
    if (major_) {
      return random_.chance(0.7) ? Priority::High : Priority::Urgent;
    }
    if (incident_ != nullptr) {
      return random_.chance(0.35) ? Priority::High : Priority::Normal;
    }
    static constexpr std::array<Priority, 4> kPriorities = {Priority::Low, Priority::Normal, Priority::High,
                                                            Priority::Urgent};
    static constexpr std::array<double, 4> kUsual = {0.12, 0.70, 0.14, 0.04};
    static constexpr std::array<double, 4> kOutage = {0.05, 0.60, 0.28, 0.07};
    return kPriorities[random_.weighted(category_->category == "outage" ? kOutage : kUsual)];
  }

  Result<void> validated_ticket(Timestamp created) {
    domain::NewTicket input;
    input.subject = fill(random_.pick(scenario_->subjects), created);
    input.priority = priority_;
    input.channel = channel_;
    input.category = std::string(category_->category);
    input.tags.emplace_back(random_.pick(category_->tags));
    if (random_.chance(0.3)) {
      input.tags.emplace_back(random_.pick(category_->tags));
    }
    if (incident_ != nullptr) {
      input.tags.emplace_back(incident_->tag);
    }
    if (customer_->vip) {
      input.tags.emplace_back("vip");
    }
    input.team_id = cast_.teams[static_cast<std::size_t>(category_->team)];
    input.requester_id = customer_->customer.id;
    // A call is logged in the customer's words, not as a letter.
    std::string_view opening = random_.pick(scenario_->openings);
    input.first_message =
        channel_ == Channel::Phone ? fill(opening, created) : customer_text(opening, created);
    auto validated = domain::validate_new_ticket(std::move(input));
    if (!validated) {
      return internal_error("demo ticket is invalid: " + validated.error().message);
    }
    auto draft = domain::draft_ticket(*validated, cast_.tenant, customer_actor(), created);
    out_.ticket = std::move(draft.ticket);
    domain::Message first;
    first.tenant_id = cast_.tenant;
    first.kind = MessageKind::Inbound;
    first.author = customer_actor();
    first.body = *validated->first_message;
    first.created_at = created;
    out_.messages.push_back(std::move(first));
    for (auto& event : draft.events) {
      if (event.type == domain::EventType::MessageAdded) {
        event.message_id = domain::MessageId{1};
      }
    }
    record(std::move(draft.events));
    return {};
  }

  // --- what happens to it -------------------------------------------------------------

  void live() {
    const bool phone = channel_ == Channel::Phone;
    // On the phone the agent is already talking to the customer; the written follow-up
    // comes after the call.
    Timestamp first_reply =
        phone ? created_ + random_.log_minutes(2, 12) : agent_time(created_ + first_delay());
    bool chased = false;
    if (!phone && channel_ != Channel::Chat && random_.chance(0.08)) {
      Timestamp chase_at = customer_time(created_ + random_.log_minutes(60, 2880));
      if (chase_at < first_reply) {
        if (!customer_says(random_.pick(content_.chases), chase_at)) {
          return;
        }
        chased = true;
      }
    }
    // A few tickets slip through the queue unseen: the backlog a supervisor has to find.
    if (random_.chance(0.006)) {
      return;
    }
    agent_ = choose_agent(category_->team);
    TicketPatch assign;
    assign.assignee_id = agent_->agent.id;
    if (chased && priority_ < Priority::High && random_.chance(0.5)) {
      assign.priority = Priority::High;
    }
    if (random_.chance(0.07)) {
      auto tags = out_.ticket.tags;
      tags.emplace_back(random_.pick(kWorkTags));
      assign.tags = std::move(tags);
    }
    // Supervisors dispatch part of the queue; agents pick up the rest themselves.
    const DemoStaffMember* assigner = random_.chance(0.25) ? supervisor_of(category_->team) : agent_;
    Timestamp assign_at = first_reply - seconds{random_.between(20, 240)};
    if (!change(assign, actor_of(*assigner), std::max(assign_at, last_))) {
      return;
    }
    if (random_.chance(0.12) && !agent_note(random_.pick(content_.notes), last_)) {
      return;
    }
    converse(std::max(first_reply, last_), phone);
  }

  void converse(Timestamp agent_at, bool phone) {
    bool reopened = false;
    for (int round = 0;; ++round) {
      Step step = choose_step(round, phone);
      if (step == Step::Solve) {
        if (!agent_says(scenario_->solution, agent_at, phone && round == 0) ||
            !set_status(Status::Solved, actor_of(*agent_), last_ + seconds{random_.between(20, 200)})) {
          return;
        }
      } else if (step == Step::Hold) {
        if (!agent_note(content_.hold_note, agent_at) ||
            !agent_says(scenario_->hold, last_ + seconds{random_.between(30, 300)}, phone && round == 0) ||
            !set_status(Status::OnHold, actor_of(*agent_), last_ + seconds{random_.between(5, 60)})) {
          return;
        }
        Timestamp back = agent_time(last_ + random_.log_minutes(60 * 12, 60 * 24 * 5));
        if (!agent_says(scenario_->solution, back, false) ||
            !set_status(Status::Solved, actor_of(*agent_), last_ + seconds{random_.between(20, 200)})) {
          return;
        }
      } else {
        if (!agent_says(scenario_->ask_info, agent_at, phone && round == 0) ||
            !set_status(Status::Pending, actor_of(*agent_), last_ + seconds{random_.between(5, 60)})) {
          return;
        }
        if (random_.chance(0.8)) {
          Timestamp reply_at = channel_ == Channel::Chat && random_.chance(0.7)
                                   ? last_ + random_.log_minutes(0.5, 5)
                                   : customer_time(last_ + random_.log_minutes(10, 2880));
          if (!customer_says(scenario_->customer_info, reply_at)) {
            return;
          }
          // Now and then the answer is left lying: an open ticket past its next-response time.
          if (random_.chance(0.03) || !maybe_pass_on(0.04)) {
            return;
          }
          agent_at = agent_time(last_ + next_delay());
          continue;
        }
        // No answer: a reminder, then the desk solves the ticket, as its pending rule says.
        Timestamp remind_at = agent_time(last_ + days{3} + random_.log_minutes(1, 240));
        if (!agent_says(random_.pick(content_.reminders), remind_at, false) ||
            !set_status(Status::Solved, Actor{ActorType::System, 0},
                        last_ + days{4} + minutes{random_.between(0, 600)})) {
          return;
        }
      }
      // Solved. Some customers say thanks (which reopens the ticket until the agent solves
      // it again), a few say it is not fixed, and most solved tickets are closed a week on.
      double after = random_.unit();
      if (after < 0.12) {
        // A thank-you is a one-liner, not a letter.
        std::string thanks(random_.pick(content_.thanks));
        Timestamp thanks_at = customer_time(last_ + random_.log_minutes(5, 720));
        if (!post(MessageKind::Inbound, customer_actor(), std::move(thanks), thanks_at) ||
            !set_status(Status::Solved, actor_of(*agent_), agent_time(last_ + random_.log_minutes(5, 240)))) {
          return;
        }
      } else if (after < 0.18 && !reopened) {
        reopened = true;
        if (!customer_says(scenario_->reopen, customer_time(last_ + random_.log_minutes(120, 60 * 24 * 5))) ||
            !maybe_pass_on(0.25)) {
          return;
        }
        agent_at = agent_time(last_ + next_delay());
        continue;
      }
      if (random_.chance(0.65)) {
        set_status(Status::Closed, Actor{ActorType::System, 0},
                   last_ + days{7} + minutes{random_.between(0, 3 * 24 * 60)});
      }
      return;
    }
  }

  Step choose_step(int round, bool phone) {
    // Probabilities of solve / ask for information / wait on a third party.
    std::array<double, 3> weights = {0.50, 0.38, 0.12};
    if (round >= 4) {
      return Step::Solve;
    }
    if (round >= 2) {
      weights = {0.85, 0.15, 0.0};
    } else if (round == 1) {
      weights = {0.70, 0.22, 0.08};
    } else if (major_) {
      weights = {0.20, 0.60, 0.20};
    } else if (phone) {
      weights = {0.65, 0.25, 0.10};  // most calls end with the answer
    } else if (channel_ == Channel::Chat) {
      weights = {0.60, 0.35, 0.05};
    }
    static constexpr std::array<Step, 3> kSteps = {Step::Solve, Step::AskInfo, Step::Hold};
    return kSteps[random_.weighted(weights)];
  }

  // After a customer writes again: escalation to the complaints team (with `probability`),
  // or a hand-over to a colleague after a shift change. False when the story must stop.
  bool maybe_pass_on(double probability) {
    if (!major_ && category_->team != complaints_team_ && random_.chance(probability)) {
      if (!agent_note(content_.escalation_note, last_ + minutes{random_.between(2, 30)})) {
        return false;
      }
      agent_ = choose_agent(complaints_team_);
      TicketPatch escalate;
      escalate.team_id = cast_.teams[static_cast<std::size_t>(complaints_team_)];
      escalate.assignee_id = agent_->agent.id;
      if (out_.ticket.priority < Priority::High) {
        escalate.priority = Priority::High;
      }
      return change(escalate, actor_of(*agent_), last_ + seconds{random_.between(10, 120)});
    }
    if (random_.chance(0.05)) {
      const DemoStaffMember* colleague = choose_agent(category_->team);
      if (colleague != agent_) {
        agent_ = colleague;
        TicketPatch handover;
        handover.assignee_id = agent_->agent.id;
        return change(handover, actor_of(*agent_), agent_time(last_ + minutes{random_.between(5, 90)})) &&
               agent_note(content_.handover_note, last_ + seconds{random_.between(5, 60)});
      }
    }
    return true;
  }

  // --- when things happen -------------------------------------------------------------

  Duration first_delay() {
    if (major_) {
      // The 30-minute procedure for major complaints is mostly, not always, kept.
      return random_.chance(0.75) ? random_.log_minutes(4, 30) : random_.log_minutes(30, 480);
    }
    Duration delay{};
    double draw = random_.unit();
    switch (channel_) {
      case Channel::Chat:
        delay = draw < 0.85 ? random_.log_minutes(0.3, 6) : random_.log_minutes(6, 90);
        break;
      case Channel::Social:
        delay = random_.log_minutes(10, 360);
        break;
      default:
        // Mostly within hours, with a tail of days: the SLA breaches reports should show.
        if (draw < 0.45) {
          delay = random_.log_minutes(10, 120);
        } else if (draw < 0.80) {
          delay = random_.log_minutes(120, 480);
        } else if (draw < 0.95) {
          delay = random_.log_minutes(480, 1800);
        } else {
          delay = random_.log_minutes(1800, 4800);
        }
        break;
    }
    return priority_ >= Priority::High ? delay / 2 : delay;
  }

  Duration next_delay() {
    if (channel_ == Channel::Chat && random_.chance(0.6)) {
      return random_.log_minutes(0.5, 6);
    }
    double draw = random_.unit();
    if (draw < 0.55) {
      return random_.log_minutes(5, 90);
    }
    return draw < 0.85 ? random_.log_minutes(90, 360) : random_.log_minutes(360, 1800);
  }

  // Agents work during opening hours; what arrives while closed waits for the morning queue.
  Timestamp agent_time(Timestamp at) {
    if (clock_.is_open(at)) {
      return at;
    }
    return clock_.next_open(at) + random_.log_minutes(3, 150);
  }

  // Customers sleep: nothing from them between midnight and 07:00 local time.
  Timestamp customer_time(Timestamp at) {
    int minute = TenantClock::minute_of_day(clock_.local(at));
    if (minute >= 7 * 60) {
      return at;
    }
    return at + minutes{7 * 60 - minute} + random_.log_minutes(5, 240);
  }

  // --- who ----------------------------------------------------------------------------

  const DemoStaffMember* choose_agent(int team) {
    std::vector<const DemoStaffMember*> members;
    std::vector<double> weights;
    for (const auto& member : cast_.staff) {
      if (member.agent.team_id != cast_.teams[static_cast<std::size_t>(team)]) {
        continue;
      }
      if (member.agent.role == Role::Agent || member.agent.role == Role::Supervisor) {
        members.push_back(&member);
        weights.push_back(member.agent.role == Role::Agent ? 3.0 : 1.0);
      }
    }
    SP_ASSERT(!members.empty() && "every demo team has an agent or supervisor");
    return members[random_.weighted(weights)];
  }

  const DemoStaffMember* supervisor_of(int team) {
    for (const auto& member : cast_.staff) {
      if (member.agent.role == Role::Supervisor &&
          member.agent.team_id == cast_.teams[static_cast<std::size_t>(team)]) {
        return &member;
      }
    }
    return agent_;
  }

  Actor customer_actor() const { return Actor{ActorType::Customer, customer_->customer.id.value}; }
  static Actor actor_of(const DemoStaffMember& member) {
    return Actor{ActorType::Agent, member.agent.id.value};
  }

  // --- words --------------------------------------------------------------------------

  std::string fill(std::string_view text, Timestamp at) {
    std::string out;
    out.reserve(text.size() + 32);
    while (!text.empty()) {
      auto open = text.find('{');
      auto close = open == std::string_view::npos ? open : text.find('}', open);
      if (close == std::string_view::npos) {
        out += text;
        break;
      }
      out += text.substr(0, open);
      out += value_of(text.substr(open + 1, close - open - 1), at);
      text.remove_prefix(close + 1);
    }
    return out;
  }

  std::string value_of(std::string_view key, Timestamp at) {
    if (key == "date") {
      return format_date(content_, clock_.local(at) + days{random_.between(2, 5)});
    }
    if (key == "digits") {
      return digits(random_, 4);
    }
    const std::pair<std::string_view, const std::string*> values[] = {
        {"hon", &customer_->salutation},
        {"first", &customer_->first_name},
        {"full", &customer_->customer.name},
        {"agent", agent_ != nullptr ? &agent_->signature_name : &empty_},
        {"order", &order_},
        {"amount", &amount_},
        {"product", &product_},
        {"city", &city_},
        {"custno", &customer_->account_number},
    };
    for (const auto& [name, value] : values) {
      if (name == key) {
        return *value;
      }
    }
    return "{" + std::string(key) + "}";  // not a placeholder: keep the text as written
  }

  bool brief_channel() const { return channel_ == Channel::Chat || channel_ == Channel::Social; }

  std::string customer_text(std::string_view core, Timestamp at) {
    std::string body = fill(core, at);
    if (brief_channel()) {
      return body;
    }
    // Separate statements: the order of random draws must not depend on the compiler.
    std::string greeting = fill(random_.pick(content_.customer_greetings), at);
    std::string signoff = fill(random_.pick(content_.customer_signoffs), at);
    return greeting + "\n\n" + body + "\n\n" + signoff;
  }

  std::string agent_text(std::string_view core, Timestamp at, bool after_call) {
    std::string body = fill(core, at);
    if (after_call) {
      body = std::string(content_.phone_intro) + std::string(content_.word_gap) + body;
    }
    std::string greeting = fill(content_.agent_greeting, at);
    if (brief_channel()) {
      return greeting + "\n" + body;
    }
    std::string signoff = fill(content_.agent_signoff, at);
    return greeting + "\n\n" + body + "\n\n" + signoff;
  }

  // --- the history --------------------------------------------------------------------

  void record(std::vector<domain::TicketEvent> events) {
    for (auto& event : events) {
      event.seq = static_cast<std::int64_t>(out_.events.size()) + 1;
      out_.events.push_back(std::move(event));
    }
  }

  // Keeps the history strictly ordered: a step never happens before the previous one.
  Timestamp after_last(Timestamp at) const { return at > last_ ? at : last_ + seconds{1}; }

  bool post(MessageKind kind, Actor author, std::string body, Timestamp at) {
    at = after_last(at);
    if (error_ || at > now_) {
      return false;
    }
    auto change = domain::add_message(out_.ticket, kind, body, author, at);
    if (!change) {
      error_ = change.error();
      return false;
    }
    domain::Message message;
    message.tenant_id = cast_.tenant;
    message.kind = kind;
    message.author = author;
    message.body = std::move(body);
    message.created_at = at;
    out_.messages.push_back(std::move(message));
    for (auto& event : change->events) {
      if (event.type == domain::EventType::MessageAdded) {
        event.message_id = domain::MessageId{static_cast<std::int64_t>(out_.messages.size())};
      }
    }
    record(std::move(change->events));
    out_.ticket = std::move(change->after);
    last_ = at;
    return true;
  }

  bool change(const TicketPatch& patch, Actor actor, Timestamp at) {
    at = after_last(at);
    if (error_ || at > now_) {
      return false;
    }
    auto change = domain::apply_patch(out_.ticket, patch, actor, at);
    if (!change) {
      error_ = change.error();
      return false;
    }
    record(std::move(change->events));
    out_.ticket = std::move(change->after);
    last_ = at;
    return true;
  }

  bool set_status(Status status, Actor actor, Timestamp at) {
    TicketPatch patch;
    patch.status = status;
    return change(patch, actor, at);
  }

  bool customer_says(std::string_view core, Timestamp at) {
    return post(MessageKind::Inbound, customer_actor(), customer_text(core, at), at);
  }

  bool agent_says(std::string_view core, Timestamp at, bool after_call) {
    return post(MessageKind::Outbound, actor_of(*agent_), agent_text(core, at, after_call), at);
  }

  bool agent_note(std::string_view text, Timestamp at) {
    return post(MessageKind::Note, actor_of(*agent_), fill(text, at), at);
  }

  const TenantContent& content_;
  const TenantCast& cast_;
  const TenantClock& clock_;
  DemoRandom& random_;
  Timestamp now_;
  std::vector<double> category_weights_;
  int complaints_team_ = 0;

  // The ticket being told.
  storage::ImportedTicket out_;
  std::optional<Error> error_;
  const Incident* incident_ = nullptr;
  const CategoryContent* category_ = nullptr;
  const Scenario* scenario_ = nullptr;
  const DemoCustomer* customer_ = nullptr;
  const DemoStaffMember* agent_ = nullptr;
  bool major_ = false;
  Channel channel_ = Channel::Web;
  Priority priority_ = Priority::Normal;
  Timestamp created_;
  Timestamp last_;
  std::string order_;
  std::string amount_;
  std::string product_;
  std::string city_;
  const std::string empty_;
};

struct Arrival {
  Timestamp at;
  const Incident* incident = nullptr;
};

// Ticket arrivals weighted by local weekday and hour (rejection sampling), plus the bursts of
// the tenant's incidents, in creation order.
std::vector<Arrival> arrivals(const TenantContent& content, const TenantClock& clock, Timestamp now,
                              DemoRandom& random) {
  std::vector<Arrival> out;
  // The first hour of the window is left to the customers' creation times.
  Timestamp start = now - kDemoWindow + hours{1};
  int incident_tickets = 0;
  for (const auto& incident : content.incidents) {
    Timestamp local_now = clock.local(now);
    Timestamp local_start =
        Timestamp{floor<days>(local_now) - days{incident.days_ago}} + hours{incident.local_start_hour};
    Timestamp utc_start = local_start - clock.offset(local_start);
    auto span_ms = static_cast<double>(duration_cast<milliseconds>(hours{incident.hours}).count());
    for (int idx = 0; idx < incident.tickets; ++idx) {
      // Front-loaded: most reports come in during the first hours of an incident.
      auto offset_ms = static_cast<std::int64_t>(span_ms * std::pow(random.unit(), 2.0));
      Timestamp at = utc_start + Duration{offset_ms};
      if (at > start && at < now) {
        out.push_back({at, &incident});
        ++incident_tickets;
      }
    }
  }
  double max_weight = *std::max_element(content.weekday_weight.begin(), content.weekday_weight.end()) *
                      *std::max_element(content.hour_weight.begin(), content.hour_weight.end());
  auto span_ms = duration_cast<milliseconds>(now - start).count();
  int regular = std::max(0, content.tickets - incident_tickets);
  while (regular > 0) {
    Timestamp at = start + Duration{random.between(0, span_ms - 1)};
    Timestamp local = clock.local(at);
    double weight = content.weekday_weight[static_cast<std::size_t>(TenantClock::weekday_of(local))] *
                    content.hour_weight[static_cast<std::size_t>(TenantClock::minute_of_day(local) / 60)];
    if (random.unit() * max_weight < weight) {
      out.push_back({at, nullptr});
      --regular;
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Arrival& a, const Arrival& b) { return a.at < b.at; });
  return out;
}

}  // namespace

domain::Tenant make_tenant(const TenantContent& content, Timestamp created_at) {
  domain::Tenant tenant;
  tenant.slug = std::string(content.slug);
  tenant.name = std::string(content.name);
  tenant.timezone = std::string(content.timezone);
  tenant.default_language = content.language;
  tenant.created_at = created_at;
  return tenant;
}

std::vector<domain::Team> make_teams(const TenantContent& content, domain::TenantId tenant,
                                     Timestamp created_at) {
  std::vector<domain::Team> teams;
  for (auto name : content.teams) {
    domain::Team team;
    team.tenant_id = tenant;
    team.name = std::string(name);
    team.created_at = created_at;
    teams.push_back(std::move(team));
  }
  return teams;
}

std::vector<DemoStaffMember> make_staff(const TenantContent& content, domain::TenantId tenant,
                                        const std::vector<domain::TeamId>& team_ids, Timestamp created_at) {
  std::vector<DemoStaffMember> staff;
  bool admin_named = false;
  for (const auto& spec : content.staff) {
    DemoStaffMember member;
    Agent& agent = member.agent;
    agent.tenant_id = tenant;
    if (spec.role == Role::Admin && !admin_named) {
      agent.email = "admin@" + std::string(content.slug) + ".test";
      admin_named = true;
    } else {
      agent.email =
          ascii_of(spec.first) + "." + ascii_of(spec.last) + "@" + std::string(content.slug) + ".test";
    }
    agent.name = full_name(content, spec.first, spec.last);
    agent.role = spec.role;
    if (spec.team >= 0) {
      agent.team_id = team_ids[static_cast<std::size_t>(spec.team)];
    }
    agent.language = content.language;
    agent.created_at = created_at;
    member.signature_name = content.family_name_first ? agent.name : std::string(spec.first.shown);
    staff.push_back(std::move(member));
  }
  return staff;
}

std::vector<DemoCustomer> make_customers(const TenantContent& content, domain::TenantId tenant,
                                         Timestamp created_at, DemoRandom& random) {
  std::vector<DemoCustomer> customers;
  std::set<std::string> taken;
  int vips = std::max(1, content.customers * 3 / 100);
  for (int idx = 0; idx < content.customers; ++idx) {
    bool female = random.chance(0.5);
    const NamePart& first = random.pick(female ? content.female_first : content.male_first);
    const NamePart& last = random.pick(content.last_names);
    std::string a_first = ascii_of(first);
    std::string a_last = ascii_of(last);
    std::string local;
    switch (random.between(0, 3)) {
      case 0:
        local = a_first + "." + a_last;
        break;
      case 1:
        local = a_first + a_last + digits(random, 2);
        break;
      case 2:
        local = a_first.substr(0, 1) + "." + a_last;
        break;
      default:
        local = a_last + a_first + std::to_string(random.between(1960, 2005));
        break;
    }
    std::string domain_name(random.pick(kMailDomains));
    std::string email = local + "@" + domain_name;
    while (taken.count(email) != 0) {
      email = local + digits(random, 2) + "@" + domain_name;
    }
    taken.insert(email);

    DemoCustomer demo;
    domain::Customer& customer = demo.customer;
    customer.tenant_id = tenant;
    customer.name = full_name(content, first, last);
    customer.emails.push_back(email);
    if (random.chance(0.1)) {
      std::string work = a_first + "." + a_last + "@work.example.org";
      if (taken.insert(work).second) {
        customer.emails.push_back(work);
      }
    }
    if (random.chance(0.75)) {
      customer.phones.push_back(std::string(content.phone_prefix) + digits(random, content.phone_digits));
    }
    customer.language = content.language;
    customer.created_at = created_at + seconds{idx};
    demo.first_name = std::string(first.shown);
    demo.salutation =
        content.family_name_first
            ? std::string(last.shown) + std::string(female ? content.female_title : content.male_title)
            : demo.first_name;
    demo.account_number = std::to_string(random.between(1'000'000, 9'999'999));
    // The ticket generator favours low indexes, so these are the regulars.
    demo.vip = idx < vips;
    customers.push_back(std::move(demo));
  }
  return customers;
}

Result<std::vector<storage::ImportedTicket>> generate_tickets(const TenantContent& content,
                                                              const TenantCast& cast, Timestamp now,
                                                              DemoRandom& random) {
  TenantClock clock(content);
  std::vector<storage::ImportedTicket> tickets;
  auto plan = arrivals(content, clock, now, random);
  tickets.reserve(plan.size());
  TicketStory story(content, cast, clock, random, now);
  for (const auto& arrival : plan) {
    auto ticket = story.tell(arrival.at, arrival.incident);
    if (!ticket) {
      return ticket.error();
    }
    tickets.push_back(std::move(*ticket));
  }
  return tickets;
}

}  // namespace sp::demo
