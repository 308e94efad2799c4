-- One wrk script for every flow bench/run measures with wrk:
--   BENCH_TARGET = tessera | better-auth
--   BENCH_FLOW   = signin (password sign-in of a user with TOTP, from a new client)
--                | refresh (a session token for a signed-in session)
--                | client (GET /v1/client, or better-auth's GET /api/auth/get-session)
--   BENCH_USERS  = file of lines "email<TAB>cookie header<TAB>session id"
--   BENCH_PASSWORD = the users' password
-- done() prints one line "wrk-json {…}" with throughput, latency percentiles and status counts
-- (static flows: "200" counts every 2xx/3xx answer, "999" the others).
-- report.lua sits beside this script; wrk does not put the script's folder on the module path.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local report = require("report")
local target = os.getenv("BENCH_TARGET") or "tessera"
local flow = os.getenv("BENCH_FLOW") or "client"
local password = os.getenv("BENCH_PASSWORD") or ""
local users = {}
for line in io.lines(os.getenv("BENCH_USERS")) do
  local email, cookie, session = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)$")
  if email then users[#users + 1] = { email = email, cookie = cookie, session = session } end
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- refresh and client are static: each wrk thread repeats one request for a user of its own,
-- formatted once, so no Lua runs per request and wrk leaves more of the CPU to the server.
-- signin changes user on every request (each user's request formatted once, in init) and checks
-- the answers.
local static = flow ~= "signin"
local origin = "http://localhost:3000"

-- method, path, headers, body of one request for user u
local function build(u)
  if target == "tessera" then
    if flow == "signin" then
      return "POST", "/v1/client/sign_ins", {
        ["Content-Type"] = "application/x-www-form-urlencoded", ["Origin"] = origin,
      }, "identifier=" .. urlencode(u.email) .. "&password=" .. urlencode(password) .. "&locale=en-US"
    elseif flow == "refresh" then
      return "POST", "/v1/client/sessions/" .. u.session .. "/tokens", {
        ["Content-Type"] = "application/x-www-form-urlencoded", ["Origin"] = origin,
        ["Cookie"] = u.cookie,
      }, "organization_id="
    else
      return "GET", "/v1/client", { ["Origin"] = origin, ["Cookie"] = u.cookie }, nil
    end
  else
    if flow == "signin" then
      return "POST", "/api/auth/sign-in/email", { ["Content-Type"] = "application/json" },
        '{"email":"' .. u.email .. '","password":"' .. password .. '"}'
    elseif flow == "refresh" then
      return "GET", "/api/auth/token", { ["Cookie"] = u.cookie }, nil
    else
      return "GET", "/api/auth/get-session", { ["Cookie"] = u.cookie }, nil
    end
  end
end

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local formatted = {}

function init(args)
  n = 0
  statuses = {}
  i = id or 0
  if not static then
    for k, u in ipairs(users) do formatted[k] = wrk.format(build(u)) end
  else
    local method, path, headers, body = build(users[(i * 7919) % #users + 1])
    wrk.method, wrk.path, wrk.body = method, path, body
    for k, v in pairs(headers) do wrk.headers[k] = v end
  end
end

if not static then
  function request()
    i = i + 1
    return formatted[(i * 7919) % #users + 1]
  end

  function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    if status == 200 and n < 3 then
      -- A sign-in must stop at the second factor, not complete.
      local ok = body:find("needs_second_factor", 1, true) or body:find("twoFactorRedirect", 1, true)
      if not ok then statuses[0] = (statuses[0] or 0) + 1 end
      n = n + 1
    end
  end
end

function done(summary, latency, requests)
  local counts = {}
  if static then
    -- Without a response() callback wrk only counts answers other than 2xx/3xx.
    counts[200] = summary.requests - summary.errors.status
    if summary.errors.status > 0 then counts[999] = summary.errors.status end
  else
    for _, thread in ipairs(threads) do
      local s = thread:get("statuses")
      for code, c in pairs(s) do counts[code] = (counts[code] or 0) + c end
    end
  end
  report.write(summary, latency, counts)
end
