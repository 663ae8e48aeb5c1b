-- wrk script for make bench: every request is one POST with a JSON body, one write transaction each.
-- Usage: wrk -tT -s bench/post.lua URL -- COOKIE CSRF_TOKEN ORIGIN PATH BODY [FIRST_ID LAST_ID T]
-- In PATH and BODY, {n} becomes <thread>-<counter> (unique, e.g. for names that must not repeat)
-- and {id} a record id: with FIRST_ID..LAST_ID, thread t of the T threads (wrk -t, repeated as
-- the last argument) takes FIRST_ID+t-1, then every T-th
-- id after it, round and round, so two threads never write the same record and one thread's
-- connections write records far apart (no two requests race on one record's version).
-- State-changing API requests need the session cookie, the X-CSRF-Token header (the csrf_token of
-- the login answer) and an Origin naming the host; wrk adds Host and Content-Length itself.

local threads = 0

-- Runs in wrk's main Lua state, once per thread before it starts: numbers the threads.
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local counter = 0
local next_id = 0

function init(args)
  if #args ~= 5 and #args ~= 8 then
    error("usage: wrk -tT -s post.lua URL -- COOKIE CSRF_TOKEN ORIGIN PATH BODY [FIRST_ID LAST_ID T]")
  end
  path, body = args[4], args[5]
  first_id, last_id, thread_total = tonumber(args[6] or "0"), tonumber(args[7] or "0"), tonumber(args[8] or "1")
  next_id = first_id + thread_id - 1
  wrk.method = "POST"
  wrk.headers["Cookie"] = args[1]
  wrk.headers["X-CSRF-Token"] = args[2]
  wrk.headers["Origin"] = args[3]
  wrk.headers["Content-Type"] = "application/json"
end

local function fill(template, n, id)
  return (template:gsub("{n}", n):gsub("{id}", id))
end

function request()
  counter = counter + 1
  local n = tostring(thread_id) .. "-" .. tostring(counter)
  local id = tostring(next_id)
  if last_id > 0 then
    next_id = next_id + thread_total
    if next_id > last_id then next_id = first_id + thread_id - 1 end
  end
  return wrk.format(nil, fill(path, n, id), nil, fill(body, n, id))
end
