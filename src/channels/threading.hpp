// Which ticket an inbound message belongs to. Pure: the caller supplies a ThreadLookup scoped
// to one tenant (backed by storage in the shell, by a map in tests); nothing here does I/O.
//
// Order of evidence (issue 6): In-Reply-To, then References (newest first), each looked up as
// the Message-ID of an earlier message of this tenant; then a ticket token in the subject
// ("[#T-1234]"), accepted only when that ticket exists in the tenant; else a new ticket.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "channels/mime.hpp"
#include "core/result.hpp"
#include "domain/model.hpp"

namespace sp::channels {

// Answers questions about one tenant's tickets. Implementations must not see other tenants.
class ThreadLookup {
 public:
  virtual ~ThreadLookup() = default;
  // The ticket holding an earlier message (inbound or outbound) with this Message-ID
  // (given without <>), if any.
  virtual std::optional<domain::TicketId> ticket_for_message_id(std::string_view message_id) const = 0;
  // Whether the ticket exists in this tenant.
  virtual bool ticket_exists(domain::TicketId ticket) const = 0;
};

enum class ThreadEvidence { InReplyTo, References, SubjectToken };
std::string_view to_string(ThreadEvidence evidence);

struct AppendTo {
  domain::TicketId ticket;
  ThreadEvidence evidence = ThreadEvidence::InReplyTo;
};
struct NewTicket {};
using ThreadDecision = std::variant<AppendTo, NewTicket>;

// Returns where `mail` belongs. At most `kMaxReferencesLookedUp` References are consulted.
inline constexpr std::size_t kMaxReferencesLookedUp = 20;
ThreadDecision decide_thread(const ParsedMail& mail, const ThreadLookup& lookup);

// "T-1234" (the reference shown to customers) and "[#T-1234]" (the subject token).
std::string format_ticket_reference(domain::TicketId ticket);
std::string format_ticket_token(domain::TicketId ticket);

// Finds the first ticket token in `subject`: "[#T-1234]", also "[T-1234]" and "#T-1234"
// (case-insensitive, as mail clients and people retype it). Returns nullopt when absent or
// when the number is not a positive 64-bit integer.
std::optional<domain::TicketId> parse_ticket_token(std::string_view subject);

// Normalises an e-mail address for lookups: trims spaces and one pair of angle brackets and
// lower-cases it. Fails with InvalidInput (field "email") unless the result is
// local@domain with a non-empty local part and a dotted or single-label domain, at most 254
// bytes, and no spaces, control characters, quotes or brackets.
Result<std::string> normalize_address(std::string_view address);

}  // namespace sp::channels
