"""Drives init, unseal, seal-status, health and seal through Debian's hvac, unchanged."""
import json
import sys

import hvac

url = sys.argv[1]
results = {}
client = hvac.Client(url=url)
results["initialized_before"] = client.sys.is_initialized()
init = client.sys.initialize(secret_shares=3, secret_threshold=2)
keys = init["keys"]
results["key_count"] = len(keys)
results["root_token_prefix"] = init["root_token"][:4]
status = client.sys.read_seal_status()
results["sealed_before"] = status["sealed"]
results["t"] = status["t"]
results["n"] = status["n"]
results["progress_after_one"] = client.sys.submit_unseal_key(keys[0])["progress"]
results["sealed_after_two"] = client.sys.submit_unseal_keys(keys[1:2])["sealed"]
health = client.sys.read_health_status(method="GET")
results["health_initialized"] = health["initialized"]
results["health_sealed"] = health["sealed"]
head = client.sys.read_health_status(method="HEAD")
results["health_head_status"] = head.status_code
client.token = init["root_token"]
client.sys.seal()
results["sealed_after_seal"] = client.sys.is_sealed()
try:
    client.sys.submit_unseal_key("zz-not-a-key")
    results["bad_key_error"] = None
except hvac.exceptions.InvalidRequest as error:
    results["bad_key_error"] = str(error)
print(json.dumps(results))
