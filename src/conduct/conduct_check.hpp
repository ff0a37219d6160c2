// The conduct check of a reply before it is sent (issue 18; code of conduct sections 1-4 and 8):
// offensive language, slang and inappropriate humour, unexplained jargon, promises (with the
// due time they resolve to, and whether the organisation can keep them), personal data that
// does not belong to the ticket's customer, and clarity (long sentences and paragraphs, a
// missing greeting or closing), in nl, en and zh.
//
// Pure: no I/O, no clock reads (`now` is in the context). A Checker is immutable after create()
// and check() may be called from many threads at once (stemmers and the ICU word breaker are
// cached per thread). Offsets are code points into the checked text. The rules and their data
// are described in src/conduct/README.md.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "domain/model.hpp"
#include "sla/business_calendar.hpp"

namespace sp::conduct {

enum class Kind { Offensive, Slang, Jargon, Promise, UnkeepablePromise, OthersPersonalData, Clarity };
inline constexpr std::array<Kind, 7> kAllKinds = {
    Kind::Offensive,          Kind::Slang,  Kind::Jargon, Kind::Promise, Kind::UnkeepablePromise,
    Kind::OthersPersonalData, Kind::Clarity};
// "offensive", "slang", "jargon", "promise", "unkeepable_promise", "others_personal_data", "clarity".
std::string_view to_string(Kind kind);
std::optional<Kind> parse_kind(std::string_view text);

enum class Severity { Low, Medium, High };
std::string_view to_string(Severity severity);  // "low", "medium", "high"

struct Finding {
  Kind kind = Kind::Clarity;
  std::size_t start = 0;    // code points
  std::size_t end = 0;      // code points, exclusive
  std::string explanation;  // in the agent's language
  Severity severity = Severity::Low;
  // The rule that fired, stable for clients: "word-list", "tenant-word-list", "glossary",
  // "time-promise", "open-promise", "closed-day", "outside-opening-hours", "email", "phone",
  // "iban", "bsn", "cn_resident_id", "card", "passport", "long-sentence", "long-paragraph",
  // "missing-greeting", "missing-closing".
  std::string rule;
  std::string matched;              // the text of the span (at most 200 bytes)
  std::optional<Timestamp> due_at;  // promises: when the promise falls due (UTC)
};

// A tenant's word-list addition: reported like a built-in entry of `kind` (Offensive or Slang).
struct WordListAddition {
  domain::Language language = domain::Language::En;
  Kind kind = Kind::Offensive;
  std::string phrase;
};
// A phrase that is never reported as offensive or slang (a product name, a regional usage).
struct WordListException {
  domain::Language language = domain::Language::En;
  std::string phrase;
};

// Limits on a tenant's rules (checked by Checker::create).
inline constexpr std::size_t kMaxTenantPhrases = 2'000;  // additions + exceptions
inline constexpr std::size_t kMaxGlossaryTerms = 1'000;
inline constexpr std::size_t kMaxOwnContacts = 200;
inline constexpr std::size_t kMaxPhraseBytes = 100;
// Longest text checked; the API refuses longer ones.
inline constexpr std::size_t kMaxCheckedTextBytes = 64 * 1024;
// At most this many findings are returned (the first ones in text order).
inline constexpr std::size_t kMaxFindings = 200;

struct TenantRules {
  std::vector<WordListAddition> additions;
  std::vector<WordListException> exceptions;
  std::vector<std::string> glossary;  // technical terms that need an explanation
  // The organisation's own e-mail addresses, e-mail domains ("@acme.nl"), phone numbers and
  // IBANs: never someone else's personal data.
  std::vector<std::string> own_contacts;
};

struct CheckContext {
  Timestamp now;
  // The calendar promises are checked against; without one, promises are resolved but never
  // reported as unkeepable.
  std::optional<sla::BusinessCalendar> calendar;
  std::string customer_zone;  // IANA zone for "tomorrow" and weekdays; empty: the calendar's, else UTC
  std::vector<std::string> customer_emails;
  std::vector<std::string> customer_phones;
  std::vector<std::string> customer_identifiers;           // IBANs and id numbers known to be the customer's
  domain::Language agent_language = domain::Language::En;  // language of the explanations
  bool expect_greeting_and_closing = true;                 // false for chat
};

class Checker {
 public:
  // Compiles the built-in lists with `rules`. Fails with InvalidInput (field "additions[3]",
  // "glossary[0]", ...) for an empty or too long phrase, a kind other than offensive or slang,
  // or more entries than the limits above.
  [[nodiscard]] static Result<Checker> create(const TenantRules& rules = {});

  // The findings in `text` written in `language`, ordered by start (then kind), at most
  // kMaxFindings. Text beyond kMaxCheckedTextBytes is not looked at.
  std::vector<Finding> check(std::string_view text, domain::Language language,
                             const CheckContext& context) const;

  struct State;

 private:
  explicit Checker(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  std::shared_ptr<const State> state_;
};

// check() with the built-in lists only.
std::vector<Finding> check(std::string_view text, domain::Language language, const CheckContext& context);

}  // namespace sp::conduct
