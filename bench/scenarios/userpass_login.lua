dofile("bench/scenarios/common.lua")
local body = '{"password":"bench-password"}'
request = function()
   return wrk.format("POST", "/v1/auth/userpass/login/bench", { ["Content-Type"] = "application/json" }, body)
end
