-- wrk script for scripts/bench-checkpoint: POST /api/v1/scans, each request a different code, or,
-- with BATCH=N, POST /api/v1/scans/batch, each request N different codes.
-- SCANS_FILE: line 1 the bearer token, line 2 checkpoint ids (comma-separated), then one code per line
-- (scanned now, at the checkpoints in turn), or CODE,PLACE,SCANNEDAT (a gate's queued scan, as
-- `cordon bench scan-codes --queues` writes them).
-- SCAN_PATH: where single scans go (default /api/v1/scans; the floor server of
-- `cordon bench http-floor` takes the same requests at /scan).
-- Thread k of n sends requests k, k+n, k+2n, …, so no two requests carry the same code.
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
  local batch = tonumber(os.getenv("BATCH") or "0")
  local size = batch > 0 and batch or 1
  local n = tonumber(os.getenv("WRK_THREADS"))
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }
  -- Whole requests are formatted here, once, so that wrk spends its core sending, not in Lua.
  requests = {}
  local r = 0
  for start = 1, #codes - size + 1, size do
    if r % n == index then
      local items = {}
      for k = start, start + size - 1 do
        local text, place, at = string.match(codes[k], "^([^,]+),([^,]+),([^,]+)$")
        if text then
          items[#items + 1] = '{"text":"' .. text .. '","place":"' .. place .. '","scannedAt":"' .. at .. '"}'
        else
          items[#items + 1] = '{"text":"' .. codes[k] .. '","place":"' .. places[(k % #places) + 1] .. '"}'
        end
      end
      if batch > 0 then
        requests[#requests + 1] = wrk.format("POST", "/api/v1/scans/batch", headers, '{"scans":[' .. table.concat(items, ",") .. ']}')
      else
        requests[#requests + 1] = wrk.format("POST", os.getenv("SCAN_PATH") or "/api/v1/scans", headers, items[1])
      end
    end
    r = r + 1
  end
  next_request = 0
end

function request()
  next_request = next_request + 1
  if next_request > #requests then
    -- Wrapped: a repeated code is verified again and recorded once, so the run had too few codes
    -- for its speed (bench-checkpoint then cannot tell how many distinct scans were answered).
    next_request = 1
    wrapped = true
  end
  return requests[next_request]
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    if thread:get("wrapped") then
      io.write("bench_checkpoint.lua: a thread ran out of codes and sent its first ones again\n")
      return
    end
  end
end
