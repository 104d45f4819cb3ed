dofile("bench/scenarios/common.lua")
request = function()
   return wrk.format("GET", "/v1/secret/data/bench/k" .. math.random(0, 999), vault_headers())
end
