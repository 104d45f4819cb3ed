dofile("bench/scenarios/common.lua")
local body = '{"ciphertext":"' .. os.getenv("TRANSIT_CIPHERTEXT") .. '"}'
request = function()
   return wrk.format("POST", "/v1/transit/decrypt/bench-aes", vault_headers(), body)
end
