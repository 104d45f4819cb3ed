dofile("bench/scenarios/common.lua")
-- Seeds long-lived token leases for the lease-restore measurement.
local body = '{"policies":["default"],"ttl":"768h"}'
request = function() return wrk.format("POST", "/v1/auth/token/create", vault_headers(), body) end
