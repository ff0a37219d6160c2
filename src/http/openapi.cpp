// The OpenAPI 3.1 description of the REST API. tests/http/openapi_test.cpp fails when a
// registered route is missing here, so the document cannot drift from the code.
#include <string>

#include "http/api.hpp"

namespace sp::http {

namespace {

constexpr const char* kDocument = R"json({
  "openapi": "3.1.0",
  "info": {
    "title": "servicepact API",
    "version": "1.0.0",
    "description": "Customer-service platform whose promises are executable. Errors are RFC 9457 problem+json with a stable type (/problems/<slug>). Authenticate with the session cookie from /api/v1/auth/login (and send X-CSRF-Token on changes) or with Authorization: Bearer <API token>."
  },
  "servers": [{"url": "/"}],
  "security": [{"session": []}, {"bearer": []}],
  "components": {
    "securitySchemes": {
      "session": {"type": "apiKey", "in": "cookie", "name": "sp_session"},
      "bearer": {"type": "http", "scheme": "bearer"}
    },
    "parameters": {
      "id": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}},
      "limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}},
      "cursor": {"name": "cursor", "in": "query", "description": "next_cursor of the previous page", "schema": {"type": "string"}},
      "ifMatch": {"name": "If-Match", "in": "header", "description": "ETag of the ticket as last seen; a mismatch gives 412", "schema": {"type": "string"}}
    },
    "responses": {
      "Problem": {"description": "An error", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    },
    "schemas": {
      "Problem": {"type": "object", "required": ["type", "title", "status"], "properties": {
        "type": {"type": "string", "examples": ["/problems/invalid-json", "/problems/not-found", "/problems/version-mismatch"]},
        "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"},
        "field": {"type": "string"}}},
      "Tenant": {"type": "object", "properties": {"id": {"type": "integer"}, "slug": {"type": "string"}, "name": {"type": "string"}, "timezone": {"type": "string"}, "default_language": {"enum": ["nl", "en", "zh"]}, "created_at": {"type": "string", "format": "date-time"}}},
      "NewTenant": {"type": "object", "required": ["slug", "name"], "properties": {"slug": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$"}, "name": {"type": "string"}, "timezone": {"type": "string"}, "default_language": {"enum": ["nl", "en", "zh"]}}},
      "Team": {"type": "object", "properties": {"id": {"type": "integer"}, "tenant_id": {"type": "integer"}, "name": {"type": "string"}, "lead_id": {"type": ["integer", "null"]}, "created_at": {"type": "string", "format": "date-time"}}},
      "NewTeam": {"type": "object", "required": ["name"], "properties": {"tenant_id": {"type": "integer"}, "name": {"type": "string"}}},
      "Agent": {"type": "object", "properties": {"id": {"type": "integer"}, "tenant_id": {"type": ["integer", "null"]}, "email": {"type": "string"}, "name": {"type": "string"}, "role": {"enum": ["admin", "supervisor", "agent", "qa_reviewer"]}, "team_id": {"type": ["integer", "null"]}, "language": {"enum": ["nl", "en", "zh"]}, "active": {"type": "boolean"}, "created_at": {"type": "string", "format": "date-time"}}},
      "NewAgent": {"type": "object", "required": ["email", "name", "password"], "properties": {"tenant_id": {"type": "integer"}, "email": {"type": "string"}, "name": {"type": "string"}, "password": {"type": "string", "minLength": 10}, "role": {"enum": ["admin", "supervisor", "agent", "qa_reviewer"]}, "team_id": {"type": "integer"}, "language": {"enum": ["nl", "en", "zh"]}}},
      "Customer": {"type": "object", "properties": {"id": {"type": "integer"}, "tenant_id": {"type": "integer"}, "name": {"type": "string"}, "emails": {"type": "array", "items": {"type": "string"}}, "phones": {"type": "array", "items": {"type": "string"}}, "language": {"enum": ["nl", "en", "zh"]}, "created_at": {"type": "string", "format": "date-time"}}},
      "NewCustomer": {"type": "object", "required": ["name"], "properties": {"tenant_id": {"type": "integer"}, "name": {"type": "string"}, "emails": {"type": "array", "items": {"type": "string"}}, "phones": {"type": "array", "items": {"type": "string"}}, "language": {"enum": ["nl", "en", "zh"]}}},
      "Ticket": {"type": "object", "properties": {"id": {"type": "integer"}, "reference": {"type": "string"}, "tenant_id": {"type": "integer"}, "subject": {"type": "string"}, "status": {"enum": ["new", "open", "pending", "on_hold", "solved", "closed"]}, "priority": {"enum": ["low", "normal", "high", "urgent"]}, "channel": {"enum": ["email", "web", "chat", "phone", "social", "api"]}, "category": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}, "team_id": {"type": ["integer", "null"]}, "assignee_id": {"type": ["integer", "null"]}, "requester_id": {"type": "integer"}, "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}, "solved_at": {"type": ["string", "null"], "format": "date-time"}, "version": {"type": "integer"}}},
      "NewTicket": {"type": "object", "required": ["subject", "requester_id"], "properties": {"tenant_id": {"type": "integer"}, "subject": {"type": "string", "maxLength": 500}, "priority": {"enum": ["low", "normal", "high", "urgent"]}, "channel": {"enum": ["email", "web", "chat", "phone", "social", "api"]}, "category": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}, "team_id": {"type": "integer"}, "assignee_id": {"type": "integer"}, "requester_id": {"type": "integer"}, "body": {"type": "string", "description": "the customer's first message"}}},
      "TicketPatch": {"type": "object", "properties": {"subject": {"type": "string"}, "status": {"enum": ["new", "open", "pending", "on_hold", "solved", "closed"]}, "priority": {"enum": ["low", "normal", "high", "urgent"]}, "category": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}, "assignee_id": {"type": ["integer", "null"]}, "team_id": {"type": ["integer", "null"]}}},
      "Message": {"type": "object", "properties": {"id": {"type": "integer"}, "ticket_id": {"type": "integer"}, "kind": {"enum": ["inbound", "outbound", "note"]}, "author": {"type": "object"}, "body": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"}}},
      "NewMessage": {"type": "object", "required": ["body"], "properties": {"kind": {"enum": ["inbound", "outbound", "note"], "default": "outbound"}, "body": {"type": "string"}}},
      "TicketEvent": {"type": "object", "properties": {"seq": {"type": "integer"}, "ticket_id": {"type": "integer"}, "type": {"enum": ["created", "message_added", "status_changed", "priority_changed", "assignee_changed", "team_changed", "tags_changed", "field_changed"]}, "actor": {"type": "object"}, "at": {"type": "string", "format": "date-time"}, "field": {"type": "string"}, "from": {"type": "string"}, "to": {"type": "string"}}},
      "Calendar": {"type": "object", "description": "Opening hours in an IANA zone. Example: {\"timezone\":\"Europe/Amsterdam\",\"weekly\":{\"mon\":[[\"09:00\",\"17:00\"]]},\"holidays\":[\"2026-12-25\"],\"overrides\":{\"2026-12-24\":[[\"09:00\",\"13:00\"]]}}; a weekday left out is closed; \"24:00\" is a valid end.", "properties": {"timezone": {"type": "string"}, "weekly": {"type": "object"}, "holidays": {"type": "array", "items": {"type": "string", "format": "date"}}, "overrides": {"type": "object"}}},
      "CalendarRecord": {"type": "object", "properties": {"id": {"type": "integer"}, "tenant_id": {"type": "integer"}, "name": {"type": "string"}, "calendar": {"$ref": "#/components/schemas/Calendar"}, "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"}}},
      "NewCalendar": {"type": "object", "required": ["name", "calendar"], "properties": {"tenant_id": {"type": "integer"}, "name": {"type": "string"}, "calendar": {"$ref": "#/components/schemas/Calendar"}}},
      "SlaPolicy": {"type": "object", "required": ["name", "calendar_id", "targets"], "description": "Chosen by ascending position among policies whose conditions all match the ticket. Targets are business minutes of the calendar.", "properties": {"id": {"type": "integer", "readOnly": true}, "tenant_id": {"type": "integer"}, "name": {"type": "string"}, "position": {"type": "integer"}, "calendar_id": {"type": "integer"}, "conditions": {"type": "object", "properties": {"channels": {"type": "array", "items": {"type": "string"}}, "priorities": {"type": "array", "items": {"type": "string"}}, "categories": {"type": "array", "items": {"type": "string"}}, "tags_any": {"type": "array", "items": {"type": "string"}}}}, "targets": {"type": "object", "properties": {"first_response_minutes": {"type": ["integer", "null"]}, "next_response_minutes": {"type": ["integer", "null"]}, "periodic_update_minutes": {"type": ["integer", "null"]}, "resolution_minutes": {"type": ["integer", "null"]}}}, "pause_resolution_on": {"type": "array", "items": {"type": "string"}}, "at_risk_fraction": {"type": "number"}, "escalation": {"type": "array", "items": {"type": "object", "properties": {"target": {"type": "string"}, "at": {"type": "number"}, "action": {"enum": ["notify_assignee", "notify_team_lead", "notify_manager", "raise_priority", "reassign_team"]}, "team_id": {"type": "integer"}}}}}},
      "TicketSla": {"type": "object", "properties": {"ticket_id": {"type": "integer"}, "policy": {"type": ["object", "null"]}, "clocks": {"type": "array", "items": {"$ref": "#/components/schemas/ClockCycle"}}, "cycles": {"type": "array", "items": {"$ref": "#/components/schemas/ClockCycle"}}, "next_deadline": {"type": ["string", "null"], "format": "date-time"}, "fired": {"type": "array"}}},
      "ClockCycle": {"type": "object", "properties": {"target": {"enum": ["first_response", "next_response", "periodic_update", "resolution"]}, "cycle": {"type": "integer"}, "state": {"enum": ["running", "paused", "met", "breached"]}, "started_at": {"type": "string"}, "due_at": {"type": ["string", "null"]}, "at_risk_at": {"type": ["string", "null"]}, "met_at": {"type": ["string", "null"]}, "business_seconds_used": {"type": "integer"}, "business_seconds_remaining": {"type": "integer"}}},
      "Page": {"type": "object", "properties": {"items": {"type": "array"}, "next_cursor": {"type": ["string", "null"]}}}
    }
  },
  "paths": {
    "/healthz": {"get": {"summary": "Liveness", "security": [], "responses": {"200": {"description": "alive"}}}},
    "/readyz": {"get": {"summary": "Readiness: database answers and not draining", "security": [], "responses": {"200": {"description": "ready"}, "503": {"$ref": "#/components/responses/Problem"}}}},
    "/metrics": {"get": {"summary": "Prometheus metrics", "security": [], "responses": {"200": {"description": "text exposition format", "content": {"text/plain": {}}}}}},
    "/api/v1/openapi.json": {"get": {"summary": "This document", "security": [], "responses": {"200": {"description": "OpenAPI 3.1"}}}},
    "/api/v1/auth/login": {"post": {"summary": "Log in with e-mail and password; sets the sp_session cookie", "security": [], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["email", "password"], "properties": {"email": {"type": "string"}, "password": {"type": "string"}}}}}}, "responses": {"200": {"description": "agent, csrf_token, expires_at"}, "401": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/auth/logout": {"post": {"summary": "End the session", "security": [], "responses": {"204": {"description": "logged out"}}}},
    "/api/v1/auth/me": {"get": {"summary": "The authenticated agent", "responses": {"200": {"description": "agent"}, "401": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/auth/tokens": {"post": {"summary": "Create an API token for integrations (shown once)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}}}}, "responses": {"201": {"description": "token"}}}},
    "/api/v1/tenants": {
      "get": {"summary": "List tenants visible to the caller", "responses": {"200": {"description": "items"}}},
      "post": {"summary": "Create a tenant (platform administrators)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewTenant"}}}}, "responses": {"201": {"description": "created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tenant"}}}}, "403": {"$ref": "#/components/responses/Problem"}, "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/tenants/{id}": {"get": {"summary": "One tenant", "parameters": [{"$ref": "#/components/parameters/id"}], "responses": {"200": {"description": "tenant", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Tenant"}}}}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/teams": {
      "get": {"summary": "List teams", "responses": {"200": {"description": "items"}}},
      "post": {"summary": "Create a team (admin, supervisor)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewTeam"}}}}, "responses": {"201": {"description": "created"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/teams/{id}": {"get": {"summary": "One team", "parameters": [{"$ref": "#/components/parameters/id"}], "responses": {"200": {"description": "team"}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/agents": {
      "get": {"summary": "List agents", "responses": {"200": {"description": "items"}}},
      "post": {"summary": "Create an agent (admin)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewAgent"}}}}, "responses": {"201": {"description": "created"}, "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/agents/{id}": {"get": {"summary": "One agent", "parameters": [{"$ref": "#/components/parameters/id"}], "responses": {"200": {"description": "agent"}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/customers": {
      "get": {"summary": "List customers, newest first", "parameters": [{"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/cursor"}, {"name": "email", "in": "query", "schema": {"type": "string"}}], "responses": {"200": {"description": "page", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}}},
      "post": {"summary": "Create a customer", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewCustomer"}}}}, "responses": {"201": {"description": "created"}, "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/customers/{id}": {"get": {"summary": "One customer", "parameters": [{"$ref": "#/components/parameters/id"}], "responses": {"200": {"description": "customer"}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/tickets": {
      "get": {"summary": "List tickets, newest first, with cursor pagination", "parameters": [{"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/cursor"}, {"name": "status", "in": "query", "description": "comma-separated statuses", "schema": {"type": "string"}}, {"name": "tenant_id", "in": "query", "schema": {"type": "integer"}}, {"name": "team_id", "in": "query", "schema": {"type": "integer"}}, {"name": "assignee_id", "in": "query", "description": "an agent id, or none for unassigned", "schema": {"type": "string"}}, {"name": "requester_id", "in": "query", "schema": {"type": "integer"}}, {"name": "updated_since", "in": "query", "schema": {"type": "string", "format": "date-time"}}, {"name": "sla", "in": "query", "description": "at_risk or breached: only tickets whose running clocks are", "schema": {"enum": ["at_risk", "breached"]}}, {"name": "sort", "in": "query", "description": "newest (default) or due: earliest SLA due time first, overdue first", "schema": {"enum": ["newest", "due"]}}], "responses": {"200": {"description": "page", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}, "422": {"$ref": "#/components/responses/Problem"}}},
      "post": {"summary": "Create a ticket", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewTicket"}}}}, "responses": {"201": {"description": "created; ETag carries the version", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ticket"}}}}, "400": {"$ref": "#/components/responses/Problem"}, "413": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/tickets/{id}": {
      "get": {"summary": "One ticket (ETag = version)", "parameters": [{"$ref": "#/components/parameters/id"}], "responses": {"200": {"description": "ticket", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ticket"}}}}, "304": {"description": "not modified"}, "404": {"$ref": "#/components/responses/Problem"}}},
      "patch": {"summary": "Change status, priority, assignee, team, tags, category or subject", "parameters": [{"$ref": "#/components/parameters/id"}, {"$ref": "#/components/parameters/ifMatch"}], "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TicketPatch"}}}}, "responses": {"200": {"description": "updated"}, "409": {"$ref": "#/components/responses/Problem"}, "412": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/tickets/{id}/messages": {
      "get": {"summary": "The thread", "parameters": [{"$ref": "#/components/parameters/id"}], "responses": {"200": {"description": "items"}}},
      "post": {"summary": "Reply (outbound), note, or log an inbound message", "parameters": [{"$ref": "#/components/parameters/id"}, {"$ref": "#/components/parameters/ifMatch"}], "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewMessage"}}}}, "responses": {"201": {"description": "message and updated ticket"}, "409": {"$ref": "#/components/responses/Problem"}, "412": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/tickets/{id}/events": {"get": {"summary": "The append-only event history", "parameters": [{"$ref": "#/components/parameters/id"}], "responses": {"200": {"description": "items"}}}},
    "/api/v1/tickets/{id}/sla": {"get": {"summary": "The ticket's SLA clocks, derived from its history under the matching policy", "parameters": [{"$ref": "#/components/parameters/id"}], "responses": {"200": {"description": "clocks", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TicketSla"}}}}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/calendars": {
      "get": {"summary": "Business calendars", "responses": {"200": {"description": "items"}}},
      "post": {"summary": "Create a business calendar (admin, supervisor)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewCalendar"}}}}, "responses": {"201": {"description": "created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CalendarRecord"}}}}, "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/calendars/{id}": {
      "get": {"summary": "One calendar", "parameters": [{"$ref": "#/components/parameters/id"}], "responses": {"200": {"description": "calendar"}, "404": {"$ref": "#/components/responses/Problem"}}},
      "put": {"summary": "Replace a calendar; open tickets are recomputed", "parameters": [{"$ref": "#/components/parameters/id"}], "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewCalendar"}}}}, "responses": {"200": {"description": "updated"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/calendars/{id}/holidays/import": {"post": {"summary": "Add the holidays of an iCalendar file (RRULE recurrences expanded over from_year..to_year)", "parameters": [{"$ref": "#/components/parameters/id"}], "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["ical", "from_year", "to_year"], "properties": {"ical": {"type": "string"}, "from_year": {"type": "integer"}, "to_year": {"type": "integer"}}}}}}, "responses": {"200": {"description": "updated calendar"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/sla/policies": {
      "get": {"summary": "SLA policies in selection order", "responses": {"200": {"description": "items"}}},
      "post": {"summary": "Create an SLA policy (admin, supervisor); open tickets are recomputed", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SlaPolicy"}}}}, "responses": {"201": {"description": "created"}, "409": {"$ref": "#/components/responses/Problem"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/sla/policies/{id}": {
      "get": {"summary": "One policy", "parameters": [{"$ref": "#/components/parameters/id"}], "responses": {"200": {"description": "policy"}, "404": {"$ref": "#/components/responses/Problem"}}},
      "put": {"summary": "Replace a policy; applies retroactively to open tickets, fired notices stay", "parameters": [{"$ref": "#/components/parameters/id"}], "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SlaPolicy"}}}}, "responses": {"200": {"description": "updated"}, "422": {"$ref": "#/components/responses/Problem"}}},
      "delete": {"summary": "Delete a policy", "parameters": [{"$ref": "#/components/parameters/id"}], "responses": {"204": {"description": "deleted"}, "404": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/staffing/erlang": {"post": {"summary": "Erlang B, C or A: evaluate a staffing level or find the agents required for targets (same fields as servicepact calc staffing)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["model"], "properties": {"model": {"enum": ["erlang_b", "erlang_c", "erlang_a"]}, "traffic_erlangs": {"type": "number"}, "servers": {"type": "integer"}, "arrival_rate_per_hour": {"type": "number"}, "aht_seconds": {"type": "number"}, "patience_seconds": {"type": "number"}, "target_seconds": {"type": "number"}, "agents": {"type": "integer"}, "target_service_level": {"type": "number"}, "target_asa_seconds": {"type": "number"}, "max_abandon": {"type": "number"}, "max_occupancy": {"type": "number"}, "shrinkage": {"type": "number"}, "service_level_convention": {"enum": ["answered_within_over_offered", "answered_within_over_answered", "answered_or_abandoned_within_over_offered", "answered_within_over_offered_minus_short_abandons"]}}}}}}, "responses": {"200": {"description": "blocking, p_wait, p_abandon, service_level, asa_seconds, occupancy, agents_required, scheduled_agents as apply"}, "422": {"$ref": "#/components/responses/Problem"}}}},
    "/api/v1/notifications": {"get": {"summary": "SLA and escalation notifications (agents see their own and broadcast ones)", "parameters": [{"$ref": "#/components/parameters/limit"}], "responses": {"200": {"description": "items"}}}}
  }
})json";

}  // namespace

const std::string& openapi_document() {
  static const std::string document = kDocument;
  return document;
}

}  // namespace sp::http
