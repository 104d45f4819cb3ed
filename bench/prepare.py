"""Initializes and unseals a fresh server, then creates what the scenarios use; prints shell assignments."""
import base64
import json
import sys
import urllib.request

address = sys.argv[1]
KEYS = 1000
SECRET = "x" * 1000  # with the field name and JSON, a stored secret of about 1 KiB


def call(method, path, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{address}/v1/{path}", data=data, method=method)
    if token:
        request.add_header("X-Vault-Token", token)
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None


init = call("PUT", "sys/init", body={"secret_shares": 1, "secret_threshold": 1})
root = init["root_token"]
call("PUT", "sys/unseal", body={"key": init["keys"][0]})
call("POST", "sys/mounts/secret", root, {"type": "kv", "options": {"version": "2"}})
for i in range(KEYS):
    call("PUT", f"secret/data/bench/k{i}", root, {"data": {"value": SECRET}})

call("POST", "sys/auth/userpass", root, {"type": "userpass"})
call("POST", "auth/userpass/users/bench", root, {"password": "bench-password", "token_policies": "default"})
call("POST", "sys/auth/approle", root, {"type": "approle"})
call("POST", "auth/approle/role/bench", root, {"token_policies": "default", "secret_id_num_uses": 0, "token_ttl": "1h"})
role_id = call("GET", "auth/approle/role/bench/role-id", root)["data"]["role_id"]
secret_id = call("POST", "auth/approle/role/bench/secret-id", root)["data"]["secret_id"]

# Transit: one key per benchmarked type, a 1 KiB plaintext's ciphertext and a signature of each signing key.
call("POST", "sys/mounts/transit", root, {"type": "transit"})
PLAINTEXT = base64.b64encode(bytes(range(256)) * 4).decode()
call("POST", "transit/keys/bench-aes", root, {"type": "aes256-gcm96"})
ciphertext = call("POST", "transit/encrypt/bench-aes", root, {"plaintext": PLAINTEXT})["data"]["ciphertext"]
signatures = {}
for key_type in ("ecdsa-p256", "ed25519"):
    call("POST", f"transit/keys/bench-{key_type}", root, {"type": key_type})
    signatures[key_type] = call("POST", f"transit/sign/bench-{key_type}", root, {"input": PLAINTEXT})["data"]["signature"]

print(f"export VAULT_TOKEN={root} ROLE_ID={role_id} SECRET_ID={secret_id} UNSEAL_KEY={init['keys'][0]} "
      f"TRANSIT_PLAINTEXT={PLAINTEXT} TRANSIT_CIPHERTEXT={ciphertext} "
      f"TRANSIT_SIG_ECDSA={signatures['ecdsa-p256']} TRANSIT_SIG_ED25519={signatures['ed25519']}")
