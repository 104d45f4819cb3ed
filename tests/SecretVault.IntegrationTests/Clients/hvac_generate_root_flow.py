"""Drives root token generation through Debian's hvac, unchanged: start, progress, shares, decode, cancel."""
import base64
import json
import sys

import hvac

url, root_token, keys = sys.argv[1], sys.argv[2], sys.argv[3:]
results = {}
client = hvac.Client(url=url, token=root_token)

results["started_before"] = client.sys.read_root_generation_progress()["started"]
started = client.sys.start_root_token_generation()
otp = started["otp"]
nonce = started["nonce"]
results["otp_length"] = started["otp_length"]
results["otp_matches_length"] = len(otp) == started["otp_length"]
results["required"] = started["required"]
results["progress_after_one"] = client.sys.generate_root(key=keys[0], nonce=nonce)["progress"]
done = client.sys.generate_root(key=keys[1], nonce=nonce)
results["complete"] = done["complete"]

# Decoding as the vault CLI does: base64 without padding, XOR with the OTP.
encoded = done["encoded_token"]
raw = base64.b64decode(encoded + "=" * (-len(encoded) % 4))
token = bytes(a ^ b for a, b in zip(raw, otp.encode())).decode()
results["token_prefix"] = token[:4]
new_root = hvac.Client(url=url, token=token)
results["new_token_policies"] = new_root.lookup_token()["data"]["policies"]

client.sys.start_root_token_generation()
client.sys.cancel_root_generation()
results["started_after_cancel"] = client.sys.read_root_generation_progress()["started"]
print(json.dumps(results))
