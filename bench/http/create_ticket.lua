-- wrk script: POST /api/v1/tickets with a fixed JSON body (the request is built once per
-- wrk thread, so the load generator spends its CPU on sockets, not on Lua).
-- Environment: SP_TENANT_ID, SP_REQUESTER_ID. The Bearer token comes from wrk -H.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")

local tenant = assert(os.getenv("SP_TENANT_ID"), "set SP_TENANT_ID")
local requester = assert(os.getenv("SP_REQUESTER_ID"), "set SP_REQUESTER_ID")

wrk.method = "POST"
wrk.path = "/api/v1/tickets"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format(
  '{"tenant_id":%d,"subject":"Load test: my router keeps dropping the connection",' ..
  '"requester_id":%d,"priority":"normal","channel":"api",' ..
  '"body":"Since this morning the internet drops every few minutes. I already restarted ' ..
  'the router twice. Customer number 1234567, postcode 1011AB."}',
  tonumber(tenant), tonumber(requester))
