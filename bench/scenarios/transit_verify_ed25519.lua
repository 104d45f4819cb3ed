dofile("bench/scenarios/common.lua")
local body = '{"input":"' .. os.getenv("TRANSIT_PLAINTEXT") .. '","signature":"' .. os.getenv("TRANSIT_SIG_ED25519") .. '"}'
request = function()
   return wrk.format("POST", "/v1/transit/verify/bench-ed25519", vault_headers(), body)
end
