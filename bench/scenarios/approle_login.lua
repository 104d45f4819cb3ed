dofile("bench/scenarios/common.lua")
local body = '{"role_id":"' .. os.getenv("ROLE_ID") .. '","secret_id":"' .. os.getenv("SECRET_ID") .. '"}'
request = function()
   return wrk.format("POST", "/v1/auth/approle/login", { ["Content-Type"] = "application/json" }, body)
end
