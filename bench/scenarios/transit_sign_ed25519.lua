dofile("bench/scenarios/common.lua")
local body = '{"input":"' .. os.getenv("TRANSIT_PLAINTEXT") .. '"}'
request = function()
   return wrk.format("POST", "/v1/transit/sign/bench-ed25519", vault_headers(), body)
end
