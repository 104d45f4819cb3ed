"""Seeds leases with wrk until the server holds `size` of them, then seals, unseals and times the restore."""
import json, os, subprocess, sys, time, urllib.request

url, pid, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
token, key = os.environ["VAULT_TOKEN"], os.environ["UNSEAL_KEY"]


def call(method, path, body=None, auth=True):
    request = urllib.request.Request(f"{url}/v1/{path}", method=method, data=None if body is None else json.dumps(body).encode())
    if auth:
        request.add_header("X-Vault-Token", token)
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None


def gauges():
    return {g["Name"]: g["Value"] for g in call("GET", "sys/metrics")["Gauges"]}


def rss_kib():
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))


rss_before = rss_kib()
seed_start = time.monotonic()
while gauges()["vault.expire.num_queued"] < size:
    left = size - gauges()["vault.expire.num_queued"]
    seconds = max(1, int(left / 15000))
    subprocess.run(["wrk", "-t2", "-c64", f"-d{seconds}s", "-s", "bench/scenarios/token_create_768h.lua", url], check=True, capture_output=True)
seed_seconds = time.monotonic() - seed_start
leases = int(gauges()["vault.expire.num_queued"])
rss_seeded = rss_kib()

call("PUT", "sys/seal")
time.sleep(1)
rss_sealed = rss_kib()
call("PUT", "sys/unseal", {"key": key}, auth=False)
unsealed = time.monotonic()
call("GET", "auth/token/lookup-self")
first_request_ms = (time.monotonic() - unsealed) * 1000
while gauges()["vault.expire.restore_ms"] < 0:
    time.sleep(0.05)
restore_ms = gauges()["vault.expire.restore_ms"]
rss_restored = rss_kib()
print(f"| {leases:,} | {seed_seconds:.0f} s | {first_request_ms:.1f} ms | {restore_ms / 1000:.1f} s | "
      f"{(rss_seeded - rss_before) * 1024 / leases:.0f} B | {(rss_restored - rss_sealed) * 1024 / leases:.0f} B |")
