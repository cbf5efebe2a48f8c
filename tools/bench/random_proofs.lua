-- wrk script for tools/bench/proofs: every request asks for the inclusion proof of a random record,
-- GET /api/v1/records/{id}/proof, from a list file of record ids (one per line).
--   wrk ... -s random_proofs.lua URL -- LIST_FILE

local counter = 0

function setup(thread)
  -- Each wrk thread has its own Lua state; give each a different random seed.
  counter = counter + 1
  thread:set("thread_number", counter)
end

function init(args)
  local file = args[1]
  if not file then error("random_proofs.lua: pass the list file after --") end
  paths = {}
  for line in io.lines(file) do
    local id = line:match("^(%S+)")
    if id then paths[#paths + 1] = "/api/v1/records/" .. id .. "/proof" end
  end
  if #paths == 0 then error("random_proofs.lua: no record ids in " .. file) end
  math.randomseed(os.time() * 100 + (thread_number or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
