-- wrk script for make bench: every request creates a unit (POST /api/units), one transaction each.
-- Usage: wrk -s bench/create_unit.lua URL -- COOKIE CSRF_TOKEN ORIGIN NAME_PREFIX
-- Names must be unique under their parent (else 409), so each is NAME_PREFIX-<thread>-<counter>.
-- State-changing API requests need the session cookie, the X-CSRF-Token header (the csrf_token of
-- the login answer) and an Origin naming the host; wrk adds Host and Content-Length itself.

local threads = 0

-- Runs in wrk's main Lua state, once per thread before it starts: numbers the threads.
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local counter = 0

function init(args)
  if #args ~= 4 then
    error("usage: wrk -s create_unit.lua URL -- COOKIE CSRF_TOKEN ORIGIN NAME_PREFIX")
  end
  prefix = args[4] .. "-" .. tostring(thread_id) .. "-"
  wrk.method = "POST"
  wrk.path = "/api/units"
  wrk.headers["Cookie"] = args[1]
  wrk.headers["X-CSRF-Token"] = args[2]
  wrk.headers["Origin"] = args[3]
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local body = '{"name":"' .. prefix .. counter .. '","kind":"department","region_code":"3608"}'
  return wrk.format(nil, nil, nil, body)
end
