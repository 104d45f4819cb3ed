dofile("bench/scenarios/common.lua")
local body = '{"input":"' .. os.getenv("TRANSIT_PLAINTEXT") .. '","signature":"' .. os.getenv("TRANSIT_SIG_ECDSA") .. '"}'
request = function()
   return wrk.format("POST", "/v1/transit/verify/bench-ecdsa-p256", vault_headers(), body)
end
