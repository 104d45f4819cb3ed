dofile("bench/scenarios/common.lua")
local body = '{"policies":["default"],"ttl":"1h"}'
request = function() return wrk.format("POST", "/v1/auth/token/create", vault_headers(), body) end
