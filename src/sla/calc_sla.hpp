// The pure core of `servicepact calc sla` (issue 16 section 3): replays one ticket's SLA clocks
// from a JSON line, so a team can check our due times against the ones its old helpdesk showed.
//
// Request (one line; T is an RFC 3339 time with offset or integer Unix seconds):
//   {"calendar":{...calendar_json.hpp form...},
//    "policy":{...policy_json.hpp form, calendar_id may be left out...},
//    "events":[{"at":T,"type":"created","status":"new","channel":"email","priority":"high"},
//              {"at":T,"type":"message","direction":"inbound"|"outbound"|"note"},
//              {"at":T,"type":"status","to":"pending"},
//              {"at":T,"type":"policy","policy":{...},"mode":"retroactive"}],
//    "at":T}
// The first event must be the one "created" event ("status" required; "channel" and "priority"
// optional, default web and normal). Status changes only through "status" events (a message does
// not reopen the ticket here). A "policy" event replaces the policy from then on, in its "mode"
// (policy_change.hpp; default "retroactive": as in the server, the policy in force at "at"
// applies to the ticket's whole history; "prospective" and "keep_promised" let the cycles
// running at the event keep their budgets, as a PUT with that change_mode does). Events after
// "at" are ignored.
//
// Answer: {"policy":"<name>","cycles":[{"target","cycle","state","started_at","due_at",
// "at_risk_at","met_at","business_seconds_used","business_seconds_remaining"}...],
// "notices":[{"target","cycle","kind":"at_risk"|"breached","at"}...],
// "escalations":[{"step","action","target","cycle","at"}...],"next_deadline":T|null},
// instants in RFC 3339 UTC. A bad line gives {"error":{"type","detail","field"}} with the types of
// calc.hpp ("invalid-json", "invalid-request", "invalid-calendar", "invalid-policy",
// "invalid-time", "no-opening-hours", "out-of-range", "internal") and "field" the offending path
// ("events[2].direction", "policy.targets", "calendar.timezone"). Calendars share calc.hpp's
// cache. Never throws; reads no clock; safe on several threads.
#pragma once

#include <string>
#include <string_view>

namespace sp::sla {

// Evaluates one request line (without its newline) and returns the response line (without one).
std::string calc_sla_line(std::string_view json_line);

}  // namespace sp::sla
