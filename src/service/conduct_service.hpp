// The conduct check's use cases (issue 18): checking a draft reply (the console calls it while
// the agent writes), the tenant's conduct settings, and the check that runs again when an agent
// sends a public reply, which a blocking finding stops and whose findings are stored with the
// message for QA. Reads the Clock once per operation. Thread-safe: the compiled rules of each
// tenant are cached under a mutex and rebuilt when the tenant's settings change.
//
// Settings document (GET/PUT), every member optional on PUT (absent means empty / warn):
//   {"additions": [{"language": "en", "kind": "offensive"|"slang", "phrase": "..."}],
//    "exceptions": [{"language": "nl", "phrase": "..."}],
//    "glossary": ["VDSL", ...],
//    "own_contacts": ["@acme.nl", "020 123 4567", "NL91ABNA0417164300"],
//    "actions": {"offensive": "block", "slang": "warn", ...}}   // per kind, default "warn"
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "conduct/conduct_check.hpp"
#include "service/helpdesk.hpp"
#include "service/sla_service.hpp"
#include "storage/conduct_store.hpp"

namespace sp::kinds {
// A reply stopped because the tenant blocks a kind the check found (HTTP 422).
inline constexpr std::string_view kConductBlocked = "conduct-blocked";
}  // namespace sp::kinds

namespace sp::service {

enum class ConductAction { Warn, Block };

struct ConductSettings {
  conduct::TenantRules rules;
  std::map<conduct::Kind, ConductAction> actions;  // absent: Warn
};

struct ConductCheckRequest {
  std::string text;
  Language language = Language::En;
  std::optional<TicketId> ticket_id;
};

class ConductService final : public ReplyGate, public TicketObserver {
 public:
  ConductService(HelpdeskService& helpdesk, storage::ConductStore& store, SlaService& sla,
                 const Clock& clock);

  // The findings in a draft. With a ticket, the promise calendar, the customer's zone, contact
  // data and channel come from it; else the tenant's default calendar. Requires WriteTickets.
  // Fails with InvalidInput for text over conduct::kMaxCheckedTextBytes or not UTF-8.
  Result<std::vector<conduct::Finding>> check(const Principal& p, std::optional<TenantId> tenant,
                                              const ConductCheckRequest& request);

  // The tenant's settings (everyone reads; supervisors and admins change them).
  Result<ConductSettings> settings(const Principal& p, std::optional<TenantId> tenant);
  Result<ConductSettings> put_settings(const Principal& p, std::optional<TenantId> tenant,
                                       const nlohmann::json& document);

  // The findings stored with the agent replies of a ticket: [{message_id, checked_at, findings}].
  Result<nlohmann::json> ticket_findings(const Principal& p, TicketId ticket);

  // ReplyGate: checks the reply as it will be sent; a finding of a kind the tenant blocks fails
  // with InvalidInput kind kConductBlocked, whose extension member "findings" lists them.
  Result<void> admit_reply(const Principal& p, TicketId ticket, const std::string& body) override;
  std::string reply_findings_json(TenantId tenant, TicketId ticket, MessageId message) override;
  // TicketObserver: stores the findings of an agent's outbound reply with the message.
  void ticket_changed(const Ticket&, TicketChangeKind) override {}
  void message_added(const Ticket& ticket, const Message& message) override;

  static nlohmann::json to_json(const conduct::Finding& finding, bool with_matched = true);
  static nlohmann::json to_json(const ConductSettings& settings);
  // Parses and validates a settings document; InvalidInput names the field.
  static Result<ConductSettings> parse_settings(const nlohmann::json& document);

 private:
  struct Compiled {
    ConductSettings settings;
    conduct::Checker checker;
  };
  Result<std::shared_ptr<const Compiled>> compiled_for(TenantId tenant);
  // The findings of `text` on `ticket` (customer data, calendar, channel) of `tenant`.
  Result<std::vector<conduct::Finding>> check_reply(const Compiled& compiled, TenantId tenant,
                                                    const Ticket* ticket, std::string_view text,
                                                    std::optional<Language> language,
                                                    Language agent_language);

  HelpdeskService& helpdesk_;
  storage::ConductStore& store_;
  SlaService& sla_;
  const Clock& clock_;
  std::mutex cache_mutex_;
  std::map<std::int64_t, std::pair<Timestamp, std::shared_ptr<const Compiled>>> cache_;
};

}  // namespace sp::service
