dofile("bench/scenarios/common.lua")
request = function() return wrk.format("GET", "/v1/auth/token/lookup-self", vault_headers()) end
