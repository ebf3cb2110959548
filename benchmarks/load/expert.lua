-- Expert search: GET /api/v1/search?q=… rotating through expert-queries.txt (path after `--`).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua").rotating_get("/api/v1/search?q=")
