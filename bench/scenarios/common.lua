-- Shared by every scenario: the token from the environment and one result line wrk's caller parses.
token = os.getenv("VAULT_TOKEN") or ""

function vault_headers()
   return { ["X-Vault-Token"] = token, ["Content-Type"] = "application/json" }
end

done = function(summary, latency, requests)
   local errors = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
   io.write(string.format(
      "RESULT %d %d %d %d %d %d\n",
      summary.requests, summary.duration, errors,
      latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))
end
