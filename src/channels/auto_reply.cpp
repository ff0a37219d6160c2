#include "channels/auto_reply.hpp"

#include "channels/text_util.hpp"

namespace sp::channels {

std::string_view to_string(AutoReplyReason reason) {
  switch (reason) {
    case AutoReplyReason::Allowed:
      return "allowed";
    case AutoReplyReason::NoSender:
      return "no_sender";
    case AutoReplyReason::DeliveryReport:
      return "delivery_report";
    case AutoReplyReason::AutoSubmitted:
      return "auto_submitted";
    case AutoReplyReason::Precedence:
      return "precedence";
    case AutoReplyReason::SuppressHeader:
      return "suppress_header";
    case AutoReplyReason::MailingList:
      return "mailing_list";
    case AutoReplyReason::MailerDaemon:
      return "mailer_daemon";
    case AutoReplyReason::OwnAddress:
      return "own_address";
    case AutoReplyReason::RateLimited:
      return "rate_limited";
  }
  return "unknown";
}

bool is_own_address(std::string_view address, const std::vector<std::string>& own_addresses) {
  const std::string_view wanted = detail::trim(address);
  if (wanted.empty()) {
    return false;
  }
  for (const std::string& own : own_addresses) {
    if (detail::iequals(detail::trim(own), wanted)) {
      return true;
    }
  }
  return false;
}

bool is_automatic(const ParsedMail& mail) {
  const AutoSignals& signals = mail.auto_signals;
  return mail.delivery_report.has_value() || !signals.auto_submitted.empty() || !signals.precedence.empty() ||
         signals.suppress_header || signals.mailer_daemon_sender;
}

AutoReplyDecision should_auto_reply(const ParsedMail& mail, const AutoReplyPolicy& policy,
                                    int replies_to_address_last_hour) {
  const auto block = [](AutoReplyReason reason, std::string detail = {}) {
    return AutoReplyDecision{false, reason, std::move(detail)};
  };
  const std::string& from = mail.from.address;
  if (from.empty() || from.find('@') == std::string::npos) {
    return block(AutoReplyReason::NoSender);
  }
  if (mail.delivery_report) {
    return block(AutoReplyReason::DeliveryReport, mail.delivery_report->status);
  }
  const AutoSignals& signals = mail.auto_signals;
  if (!signals.auto_submitted.empty()) {
    return block(AutoReplyReason::AutoSubmitted, signals.auto_submitted);
  }
  if (!signals.precedence.empty()) {
    return block(AutoReplyReason::Precedence, signals.precedence);
  }
  if (signals.suppress_header) {
    return block(AutoReplyReason::SuppressHeader);
  }
  if (signals.list_id && !policy.reply_to_lists) {
    return block(AutoReplyReason::MailingList);
  }
  if (signals.mailer_daemon_sender) {
    return block(AutoReplyReason::MailerDaemon, from);
  }
  if (is_own_address(from, policy.own_addresses)) {
    return block(AutoReplyReason::OwnAddress, from);
  }
  if (replies_to_address_last_hour >= policy.max_replies_per_address_per_hour) {
    return block(AutoReplyReason::RateLimited,
                 std::to_string(replies_to_address_last_hour) + " in the last hour");
  }
  return AutoReplyDecision{true, AutoReplyReason::Allowed, {}};
}

}  // namespace sp::channels
