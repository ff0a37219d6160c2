// The automatic acknowledgement sent once per new ticket: subject and plain-text body in the
// customer's language (nl, en, zh), naming the ticket reference, the tenant and the time by
// which the customer will have an answer, shown in the customer's IANA time zone.
// Pure apart from date/tz reading the system tz database on the first lookup of a zone;
// thread-safe.
#pragma once

#include <string>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/model.hpp"

namespace sp::channels {

struct AcknowledgementInput {
  domain::Language language = domain::Language::En;
  std::string tenant_name;
  domain::TicketId ticket;
  std::string ticket_subject;              // the customer's subject, without a ticket token
  Timestamp answer_due_utc;                // first-response due time (SLA engine or configured target)
  std::string customer_time_zone = "UTC";  // IANA name, e.g. "Europe/Amsterdam"
};

struct Acknowledgement {
  std::string subject;  // "[#T-1234] Re: <subject>" style, UTF-8, one line
  std::string body;     // UTF-8, LF line endings
};

// Fails with InvalidInput (field "time_zone") for an unknown zone, and (field "tenant_name")
// when the tenant name is empty.
[[nodiscard]] Result<Acknowledgement> make_acknowledgement(const AcknowledgementInput& input);

// "maandag 23 november 2026 om 14:30 (Europe/Amsterdam)" / "Monday 23 November 2026 at 14:30
// (Europe/Amsterdam)" / "2026年11月23日（星期一）14:30（Asia/Shanghai）". Minutes are rounded up,
// so the shown time is never earlier than the promise. Fails like make_acknowledgement.
[[nodiscard]] Result<std::string> format_local_time(Timestamp at_utc, const std::string& time_zone,
                                                    domain::Language language);

}  // namespace sp::channels
