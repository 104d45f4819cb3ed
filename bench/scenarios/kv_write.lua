dofile("bench/scenarios/common.lua")
local body = '{"data":{"value":"' .. string.rep("y", 1000) .. '"}}'
request = function()
   return wrk.format("PUT", "/v1/secret/data/bench/w" .. math.random(0, 999), vault_headers(), body)
end
