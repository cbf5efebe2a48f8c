-- wrk script for tools/bench/ingest: every request is a POST /api/v1/events by one party on one of its
-- batches (taken in turn),
-- alternately an inspect event and a sensor event with three readings, each with its own `at`; both
-- kinds change no custody, so they stay valid however many are posted. Counts the answers that are
-- not 201 Created and prints, after wrk's summary:
--   created (201): N
--   not 201: M
--   first not 201: STATUS BODY      (only when M > 0)
--   wrk ... -s post_events.lua URL -- TOKEN BATCH_ID[,BATCH_ID…] SITE_ID

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
  table.insert(threads, thread)
end

function init(args)
  local token = args[1]
  site_id = args[3]
  if not site_id then error("post_events.lua: pass TOKEN BATCH_IDS SITE_ID after --") end
  batches = {}
  for id in string.gmatch(args[2], "[^,]+") do table.insert(batches, id) end
  wrk.method = "POST"
  wrk.path = "/api/v1/events"
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
  sent, created, not_created, first_bad = 0, 0, 0, ""
  -- Each wrk thread's events start on their own day range from 1 September 2026 (UTC+8), one minute apart.
  base = 1788220800 + (thread_number or 0) * 40 * 86400
end

local function stamp(t)
  return os.date("!%Y-%m-%dT%H:%M:%S", t + 8 * 3600) .. "+08:00"
end

function request()
  sent = sent + 1
  local t = base + sent * 60
  local batch = batches[(sent + (thread_number or 0)) % #batches + 1]
  local body
  if sent % 2 == 1 then
    body = string.format(
      '{"kind":"inspect","batch":"%s","site":"%s","at":"%s","result":"pass",' ..
      '"method":"农药残留快速检测 GB/T 5009.199 酶抑制率法","tester":"合作社质检员",' ..
      '"items":[{"name":"有机磷和氨基甲酸酯类农药 抑制率","value":"%d.5","unit":"%%","limit":"<50","pass":true}]}',
      batch, site_id, stamp(t), 5 + sent % 30)
  else
    body = string.format(
      '{"kind":"sensor","batch":"%s","site":"%s","at":"%s","device":"冷库温湿度记录仪 T-0%d",' ..
      '"readings":[{"at":"%s","temperature":"0.2","humidity":"92"},' ..
      '{"at":"%s","temperature":"0.4","humidity":"93"},{"at":"%s","temperature":"-0.3","humidity":"91"}]}',
      batch, site_id, stamp(t), sent % 9 + 1, stamp(t - 50), stamp(t - 30), stamp(t - 10))
  end
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    not_created = not_created + 1
    if first_bad == "" then first_bad = status .. " " .. string.sub(body or "", 1, 300) end
  end
end

function done(summary, latency, requests)
  local ok, bad, first = 0, 0, ""
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("created")
    bad = bad + thread:get("not_created")
    if first == "" then first = thread:get("first_bad") end
  end
  io.write(string.format("created (201): %d\nnot 201: %d\n", ok, bad))
  if bad > 0 then io.write("first not 201: " .. first .. "\n") end
end
