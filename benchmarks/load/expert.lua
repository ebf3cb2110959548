-- Expert search: GET /api/v1/search?q=… rotating through expert-queries.txt (path after `--`).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")
local paths, i = {}, 0
local thread_counter = 0

function setup(thread)
  thread:set("offset", thread_counter)
  thread_counter = thread_counter + 1
end

function init(args)
  for _, q in ipairs(common.read_lines(args[1])) do
    paths[#paths + 1] = "/api/v1/search?q=" .. common.urlencode(q)
  end
  i = (offset or 0) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end

done = common.done
