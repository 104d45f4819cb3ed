"""Drives a rekey through Debian's hvac, unchanged: start, progress, shares, verification, then unseal with the new shares."""
import json
import sys

import hvac

url, root_token, keys = sys.argv[1], sys.argv[2], sys.argv[3:]
results = {}
client = hvac.Client(url=url, token=root_token)

started = client.sys.start_rekey(secret_shares=4, secret_threshold=2, require_verification=True)
nonce = started["nonce"]
results["started"] = started["started"]
results["required"] = started["required"]
results["progress"] = client.sys.read_rekey_progress()["progress"]
done = client.sys.rekey_multi(keys[:2], nonce=nonce)
results["complete"] = done["complete"]
new_keys = done["keys"]
results["new_key_count"] = len(new_keys)
results["verification_required"] = done["verification_required"]
verification_nonce = done["verification_nonce"]
results["verify_progress_nonce_matches"] = client.sys.read_rekey_verify_progress()["nonce"] == verification_nonce
verified = client.sys.rekey_verify_multi(new_keys[1:3], nonce=verification_nonce)
results["verified"] = verified["complete"]

client.sys.seal()
results["old_keys_error"] = None
try:
    client.sys.submit_unseal_keys(keys[:2])
except hvac.exceptions.InvalidRequest as error:
    results["old_keys_error"] = str(error)
results["sealed_after_new_keys"] = client.sys.submit_unseal_keys(new_keys[2:4])["sealed"]
status = client.sys.read_seal_status()
results["t"] = status["t"]
results["n"] = status["n"]

client.sys.start_rekey(secret_shares=3, secret_threshold=2)
client.sys.cancel_rekey()
results["started_after_cancel"] = client.sys.read_rekey_progress()["started"]
print(json.dumps(results))
