dofile("bench/scenarios/common.lua")
-- 1 KiB of plaintext, base64-encoded as transit takes it.
local body = '{"plaintext":"' .. os.getenv("TRANSIT_PLAINTEXT") .. '"}'
request = function()
   return wrk.format("POST", "/v1/transit/encrypt/bench-aes", vault_headers(), body)
end
