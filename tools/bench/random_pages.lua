-- wrk script for tools/bench/lookup: every request asks for a random consumer page
-- /01/{gtin}/10/{lot} from a list file of "gtin lot" lines.
--   wrk ... -s random_pages.lua URL -- LIST_FILE [ENCODING]
-- ENCODING "gzip" sends Accept-Encoding: gzip, as phone browsers do; "identity" (default) sends none.

local counter = 0

function setup(thread)
  -- Each wrk thread has its own Lua state; give each a different random seed.
  counter = counter + 1
  thread:set("thread_number", counter)
end

function init(args)
  local file = args[1]
  if args[2] == "gzip" then wrk.headers["Accept-Encoding"] = "gzip" end
  if not file then error("random_pages.lua: pass the list file after --") end
  paths = {}
  for line in io.lines(file) do
    local gtin, lot = line:match("^(%d+)%s+(%S+)")
    if gtin then
      paths[#paths + 1] = "/01/" .. gtin .. "/10/" .. lot
    end
  end
  if #paths == 0 then error("random_pages.lua: no \"gtin lot\" lines in " .. file) end
  math.randomseed(os.time() * 100 + (thread_number or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
