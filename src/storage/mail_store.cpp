#include "storage/mail_store.hpp"

namespace sp::storage {

std::string_view to_string(OutboundState state) {
  switch (state) {
    case OutboundState::Queued:
      return "queued";
    case OutboundState::Sending:
      return "sending";
    case OutboundState::Sent:
      return "sent";
    case OutboundState::Failed:
      return "failed";
  }
  return "queued";
}

Result<OutboundState> parse_outbound_state(std::string_view text) {
  if (text == "queued") return OutboundState::Queued;
  if (text == "sending") return OutboundState::Sending;
  if (text == "sent") return OutboundState::Sent;
  if (text == "failed") return OutboundState::Failed;
  return invalid_input("unknown outbound state '" + std::string(text) + "'", "state");
}

}  // namespace sp::storage
