-- wrk script: GET of the URL given on the command line (/api/v1/tickets/{id}); only adds
-- the summary line. The Bearer token comes from wrk -H.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "report.lua")
