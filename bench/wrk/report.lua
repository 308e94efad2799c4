-- The line flow.lua and requests.lua end with, read by bench/lib.mjs:
-- "wrk-json {…}" with throughput, latency percentiles, errors, status counts and any extra
-- whole-number fields the script measured itself.
local report = {}

function report.write(summary, latency, counts, extra)
  local statuses, fields = {}, {}
  for code, c in pairs(counts) do statuses[#statuses + 1] = string.format('"%d":%d', code, c) end
  for name, value in pairs(extra or {}) do fields[#fields + 1] = string.format(',"%s":%d', name, value) end
  io.write(string.format(
    'wrk-json {"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"connect_errors":%d,"read_errors":%d,"timeouts":%d,"statuses":{%s}%s}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, summary.errors.connect, summary.errors.read,
    summary.errors.timeout, table.concat(statuses, ","), table.concat(fields)))
end

return report
