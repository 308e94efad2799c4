-- wrk script that sends a fixed list of one-shot requests, each once, then ends the run: for
-- flows whose requests cannot repeat (a TOTP attempt completes its sign-in). Run with one thread
-- (wrk -t1): the thread sends the list in order on its connections and, once every request is
-- answered, stops and wakes wrk's main thread, so the run lasts as long as the list (wrk's -d
-- is then only an upper bound).
--   BENCH_REQUESTS = file of lines "METHOD<TAB>path<TAB>body<TAB>Name: value<TAB>…"
-- done() prints one line "wrk-json {…}" like flow.lua's, with "elapsed_us": from the first
-- request sent to the last answer received (throughput = answers / elapsed).
-- report.lua sits beside this script; wrk does not put the script's folder on the module path.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local report = require("report")
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec* ts);
  int getpid(void);
  long syscall(long number, ...);
]]
local CLOCK_MONOTONIC, SYS_tgkill, SIGINT = 1, 234, 2

local function now_us()
  local ts = ffi.new("bench_timespec")
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000000 + math.floor(tonumber(ts.tv_nsec) / 1000)
end

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = field end
  return fields
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  formatted = {}
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    local f = split(line)
    local headers = {}
    for k = 4, #f do
      local name, value = f[k]:match("^([^:]+): (.*)$")
      if name then headers[name] = value end
    end
    formatted[#formatted + 1] = wrk.format(f[1], f[2], headers, f[3] ~= "" and f[3] or nil)
  end
  sent, answered, statuses, delays = 0, 0, {}, 0
  started_us, finished_us = 0, 0
end

-- A connection whose next request would be past the end of the list waits for the run to end.
function delay()
  delays = delays + 1
  if sent < #formatted then return 0 end
  return 3600 * 1000
end

function request()
  -- wrk calls request() once after init() to inspect the request, before any connection asked
  -- delay(): that call sends nothing, so it takes nothing from the list.
  if delays == 0 then return formatted[1] end
  if sent == 0 then started_us = now_us() end
  sent = sent + 1
  return formatted[sent]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  answered = answered + 1
  if answered == #formatted then
    finished_us = now_us()
    wrk.thread:stop()
    local pid = ffi.C.getpid()
    ffi.C.syscall(SYS_tgkill, ffi.cast("long", pid), ffi.cast("long", pid), ffi.cast("long", SIGINT))
  end
end

function done(summary, latency, requests)
  local counts, first, last = {}, nil, 0
  for _, thread in ipairs(threads) do
    for code, c in pairs(thread:get("statuses")) do counts[code] = (counts[code] or 0) + c end
    local s, f = thread:get("started_us"), thread:get("finished_us")
    if first == nil or s < first then first = s end
    if f > last then last = f end
  end
  report.write(summary, latency, counts, { elapsed_us = last > 0 and last - (first or 0) or 0 })
end
