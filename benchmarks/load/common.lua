-- Shared by the PatentNav wrk scripts: reads a list file (one entry a line, passed after `--`),
-- rotates through it per thread, and prints the merged statistics as one JSON line from done().
local M = {}

function M.read_lines(path)
  local lines = {}
  local f = assert(io.open(path, "r"), "cannot open " .. tostring(path))
  for line in f:lines() do
    line = line:gsub("\r$", "")
    if line:match("%S") then lines[#lines + 1] = line end
  end
  f:close()
  assert(#lines > 0, "no entries in " .. path)
  return lines
end

function M.urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function M.json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\" end
    return string.format("\\u%04x", string.byte(c))
  end) .. '"'
end

-- Merged statistics for the whole run; latencies are in microseconds in wrk, reported in ms.
function M.done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_s":%.3f,"rps":%.2f,"bytes":%d,' ..
    '"latency_ms":{"mean":%.3f,"p50":%.3f,"p75":%.3f,"p90":%.3f,"p99":%.3f,"max":%.3f},' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(75) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end

-- Installs wrk's setup/init/request/done for GET requests to `prefix .. urlencode(entry)`, rotating through the
-- list file; each thread starts at its own offset so threads do not send the same entry in step.
function M.rotating_get(prefix)
  local paths, i = {}, 0
  local thread_counter = 0
  _G.setup = function(thread)
    thread:set("offset", thread_counter)
    thread_counter = thread_counter + 1
  end
  _G.init = function(args)
    for _, entry in ipairs(M.read_lines(args[1])) do
      paths[#paths + 1] = prefix .. M.urlencode(entry)
    end
    i = (_G.offset or 0) % #paths
  end
  _G.request = function()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
  end
  _G.done = M.done
end

return M
