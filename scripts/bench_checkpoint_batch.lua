-- wrk script for scripts/bench-checkpoint: POST /api/v1/scans/batch, each request BATCH different codes.
-- SCANS_FILE: line 1 the bearer token, line 2 checkpoint ids (comma-separated), then one code per line.
-- Thread k of n sends batches k, k+n, k+2n, …, so no code is sent twice.
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
  local codes = {}
  for line in file:lines() do codes[#codes + 1] = line end
  file:close()
  local size = tonumber(os.getenv("BATCH"))
  local n = tonumber(os.getenv("WRK_THREADS"))
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
  requests = {}
  local b = 0
  for start = 1, #codes - size + 1, size do
    if b % n == index then
      local items = {}
      for k = start, start + size - 1 do
        items[#items + 1] = '{"text":"' .. codes[k] .. '","place":"' .. places[(k % #places) + 1] .. '"}'
      end
      requests[#requests + 1] = wrk.format("POST", "/api/v1/scans/batch", headers, '{"scans":[' .. table.concat(items, ",") .. ']}')
    end
    b = b + 1
  end
  position = 0
end

function request()
  position = position + 1
  if position > #requests then position = 1 end
  return requests[position]
end
