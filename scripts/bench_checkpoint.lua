-- wrk script for scripts/bench-checkpoint: POST /api/v1/scans, each request a different code.
-- SCANS_FILE: line 1 the bearer token, line 2 checkpoint ids (comma-separated), then one code per line.
-- Thread k of n sends codes k, k+n, k+2n, …, so no two requests carry the same code.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(os.getenv("SCANS_FILE"), "r"))
  local token = file:read("*l")
  local places = {}
  for p in string.gmatch(file:read("*l"), "[^,]+") do places[#places + 1] = p end
  codes = {}
  local i = 0
  local n = tonumber(os.getenv("WRK_THREADS"))
  for line in file:lines() do
    if i % n == index then codes[#codes + 1] = line end
    i = i + 1
  end
  file:close()
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
  -- Whole requests are formatted here, once, so that wrk spends its core sending, not in Lua.
  requests = {}
  for k, code in ipairs(codes) do
    local body = '{"text":"' .. code .. '","place":"' .. places[(k % #places) + 1] .. '"}'
    requests[k] = wrk.format("POST", "/api/v1/scans", headers, body)
  end
  next_request = 0
end

function request()
  next_request = next_request + 1
  if next_request > #requests then next_request = 1 end -- wrapped: a repeated code is verified again and counted once
  return requests[next_request]
end
