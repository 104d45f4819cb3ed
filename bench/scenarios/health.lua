dofile("bench/scenarios/common.lua")
request = function() return wrk.format("GET", "/v1/sys/health") end
