dofile("bench/scenarios/common.lua")
request = function() return wrk.format("GET", "/v1/secret/metadata/bench/?list=true", vault_headers()) end
