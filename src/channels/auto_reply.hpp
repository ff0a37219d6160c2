// Whether the desk may send an automatic reply (acknowledgement) to an inbound message:
// loop and storm protection after RFC 3834 section 2 and issue 6. Pure and thread-safe; the
// caller counts the automatic replies already sent to the address in the last hour.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "channels/mime.hpp"

namespace sp::channels {

struct AutoReplyPolicy {
  // The desk's own addresses (any case); mail from them is never answered automatically.
  std::vector<std::string> own_addresses;
  // At most this many automatic replies per recipient address per hour (K in issue 6).
  int max_replies_per_address_per_hour = 3;
  // Answer messages carrying List-Id (mailing lists) only when true.
  bool reply_to_lists = false;
};

enum class AutoReplyReason {
  Allowed,
  NoSender,        // no usable From address
  DeliveryReport,  // a bounce (multipart/report)
  AutoSubmitted,   // Auto-Submitted other than "no" (RFC 3834)
  Precedence,      // Precedence: bulk, list or junk
  SuppressHeader,  // X-Auto-Response-Suppress (Microsoft Exchange)
  MailingList,     // List-Id
  MailerDaemon,    // mailer-daemon, postmaster, noreply-style sender or null Return-Path
  OwnAddress,      // sent by the desk itself
  RateLimited,     // already K automatic replies to this address in the last hour
};
std::string_view to_string(AutoReplyReason reason);

struct AutoReplyDecision {
  bool send = false;
  AutoReplyReason reason = AutoReplyReason::Allowed;
  std::string detail;  // e.g. the header value that blocked the reply
};

// Whether `address` (normalised, as in MailAddress) is one of `own_addresses` (any case,
// surrounding spaces ignored).
bool is_own_address(std::string_view address, const std::vector<std::string>& own_addresses);

// Whether a machine sent `mail` rather than a person answering: Auto-Submitted other than
// "no" (out-of-office, vacation, auto-generated), Precedence bulk/list/junk,
// X-Auto-Response-Suppress, a mailer-daemon or noreply-style sender, or a delivery report.
// List-Id alone does not count: people write through mailing lists. Such mail is stored
// marked automatic and never reopens a ticket or starts a next-response clock.
bool is_automatic(const ParsedMail& mail);

// Returns send=true with reason Allowed, or send=false with the first reason that blocks the
// reply, checked in the order of the enum above.
AutoReplyDecision should_auto_reply(const ParsedMail& mail, const AutoReplyPolicy& policy,
                                    int replies_to_address_last_hour);

}  // namespace sp::channels
