#include "http/phone_routes.hpp"

#include <algorithm>
#include <array>

#include "core/text.hpp"
#include "core/time.hpp"
#include "http/commitment_routes.hpp"
#include "http/handler_util.hpp"
#include "http/json_codec.hpp"

namespace sp::http {

using namespace sp::domain;

namespace {

constexpr std::int64_t kMaxCallSeconds = 24 * 60 * 60;
constexpr std::size_t kMaxNoteBytes = 10'000;
constexpr std::array<std::string_view, 4> kOutcomes{"reached", "voicemail", "no_answer", "busy"};

// The note's own text after the structured first line, when given.
Result<std::string> note_text(BodyReader& reader) {
  auto note = reader.string("note");
  if (!note) return std::string();
  if (note->size() > kMaxNoteBytes) return invalid_input("note is longer than 10,000 bytes", "note");
  return note->empty() ? std::string() : "\n" + *note;
}

HttpResponse noted(Api::Context& ctx, std::string body, const std::string& key, json extra) {
  SP_OR_RESPOND(added, ctx.service.add_message(ctx.who(), TicketId{ctx.param("id")}, MessageKind::Note,
                                               std::move(body), std::nullopt));
  json out = to_json(added->message);
  out[key] = std::move(extra);
  out["ticket"] = to_json(added->ticket);
  return json_response(201, out);
}

}  // namespace

void register_phone_routes(Api& api, service::CommitmentService& commitments) {
  auto auth = Api::Access::Authenticated;
  api.add("POST", "/api/v1/tickets/{id}/calls", auth, [](Api::Context& ctx) {
    SP_OR_RESPOND(body, body_of(ctx));
    BodyReader reader(*body);
    auto direction = reader.string("direction", true);
    auto seconds = reader.integer("duration_seconds", true);
    auto outcome = reader.string("outcome", true);
    auto note = note_text(reader);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    if (!note) return error_response(note.error());
    if (*direction != "inbound" && *direction != "outbound") {
      return error_response(invalid_input("direction must be inbound or outbound", "direction"));
    }
    if (*seconds < 0 || *seconds > kMaxCallSeconds) {
      return error_response(invalid_input("duration_seconds must be 0..86400", "duration_seconds"));
    }
    if (std::find(kOutcomes.begin(), kOutcomes.end(), *outcome) == kOutcomes.end()) {
      return error_response(
          invalid_input("outcome must be reached, voicemail, no_answer or busy", "outcome"));
    }
    std::string line = "[call] " + *direction + ", " + std::to_string(*seconds / 60) + " min " +
                       std::to_string(*seconds % 60) + " s, " + *outcome;
    return noted(ctx, line + *note, "call",
                 {{"direction", *direction}, {"duration_seconds", *seconds}, {"outcome", *outcome}});
  });
  api.add("POST", "/api/v1/tickets/{id}/callbacks", auth, [&commitments](Api::Context& ctx) {
    SP_OR_RESPOND(body, body_of(ctx));
    BodyReader reader(*body);
    auto due_text = reader.string("due_at", true);
    auto note = note_text(reader);
    if (auto done = reader.finish(); !done) return error_response(done.error());
    if (!note) return error_response(note.error());
    auto due = parse_rfc3339(*due_text);
    if (!due) return error_response(invalid_input("due_at must be an RFC 3339 time", "due_at"));
    if (*due <= ctx.service.clock().now()) {
      return error_response(invalid_input("due_at must be in the future", "due_at"));
    }
    service::NewCommitmentInput input;
    input.what = "call back";
    // The note's first line names what the call is about; it ends up as what is promised.
    if (!note->empty()) {
      const std::string_view first_line = std::string_view(*note).substr(1, note->find('\n', 1) - 1);
      input.what += ": " + std::string(text::truncate_utf8(first_line, 400));
    }
    input.due_at = *due;
    input.channel = Channel::Phone;
    input.source = CommitmentSource::Callback;
    SP_OR_RESPOND(made, commitments.create(ctx.who(), TicketId{ctx.param("id")}, std::move(input)));
    const auto due_text_out = format_rfc3339(made->due_at);
    return noted(ctx, "[call back due " + due_text_out + "]" + *note, "callback",
                 {{"due_at", due_text_out}, {"commitment", to_json(*made)}});
  });
}

}  // namespace sp::http
