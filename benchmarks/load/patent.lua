-- Get by number: GET /api/v1/patents/{n} rotating through patent-numbers.txt (path after `--`).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua").rotating_get("/api/v1/patents/")
