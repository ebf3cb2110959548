-- Novelty search: POST /api/v1/novelty {"text": …, "size": 10} rotating through novelty-texts.txt (path after `--`).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local common = dofile(dir .. "common.lua")
local bodies, i = {}, 0
local thread_counter = 0
local headers = { ["Content-Type"] = "application/json; charset=utf-8" }

function setup(thread)
  thread:set("offset", thread_counter)
  thread_counter = thread_counter + 1
end

function init(args)
  for _, text in ipairs(common.read_lines(args[1])) do
    bodies[#bodies + 1] = '{"text":' .. common.json_string(text) .. ',"size":10}'
  end
  i = (offset or 0) % #bodies
end

function request()
  i = i % #bodies + 1
  return wrk.format("POST", "/api/v1/novelty", headers, bodies[i])
end

done = common.done
