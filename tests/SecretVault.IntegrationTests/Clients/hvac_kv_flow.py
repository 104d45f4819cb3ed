"""Drives KV v2 (mount "secret") and KV v1 (mount "kv1") through Debian's hvac, unchanged."""
import json
import sys

import hvac

url, token = sys.argv[1], sys.argv[2]
client = hvac.Client(url=url, token=token)
kv2 = client.secrets.kv.v2
results = {}

kv2.configure(max_versions=5, mount_point="secret")
results["config_max_versions"] = kv2.read_configuration(mount_point="secret")["data"]["max_versions"]

results["v1"] = kv2.create_or_update_secret("app/db", {"user": "u", "password": "p"}, mount_point="secret")["data"]["version"]
results["v2"] = kv2.create_or_update_secret("app/db", {"user": "u", "password": "p2"}, cas=1, mount_point="secret")["data"]["version"]
try:
    kv2.create_or_update_secret("app/db", {"user": "x"}, cas=1, mount_point="secret")
    results["cas_error"] = None
except hvac.exceptions.InvalidRequest as error:
    results["cas_error"] = str(error)

current = kv2.read_secret_version("app/db", mount_point="secret")["data"]
results["read_password"] = current["data"]["password"]
results["read_version"] = current["metadata"]["version"]
results["read_v1_password"] = kv2.read_secret_version("app/db", version=1, mount_point="secret")["data"]["data"]["password"]

results["patched_version"] = kv2.patch("app/db", {"password": "p3"}, mount_point="secret")["data"]["version"]
patched = kv2.read_secret_version("app/db", mount_point="secret")["data"]["data"]
results["patched"] = patched

results["list"] = kv2.list_secrets("app", mount_point="secret")["data"]["keys"]

kv2.delete_latest_version_of_secret("app/db", mount_point="secret")
try:
    kv2.read_secret_version("app/db", mount_point="secret")
    results["deleted_read"] = "readable"
except hvac.exceptions.InvalidPath:
    results["deleted_read"] = "InvalidPath"
kv2.undelete_secret_versions("app/db", versions=[3], mount_point="secret")
results["undeleted_password"] = kv2.read_secret_version("app/db", mount_point="secret")["data"]["data"]["password"]

kv2.destroy_secret_versions("app/db", versions=[1], mount_point="secret")
kv2.delete_secret_versions("app/db", versions=[2], mount_point="secret")
kv2.update_metadata("app/db", max_versions=7, cas_required=False, mount_point="secret")
metadata = kv2.read_secret_metadata("app/db", mount_point="secret")["data"]
results["meta_current"] = metadata["current_version"]
results["meta_max_versions"] = metadata["max_versions"]
results["meta_v1_destroyed"] = metadata["versions"]["1"]["destroyed"]
results["meta_v2_deleted"] = metadata["versions"]["2"]["deletion_time"] != ""

kv2.delete_metadata_and_all_versions("app/db", mount_point="secret")
try:
    kv2.read_secret_metadata("app/db", mount_point="secret")
    results["after_delete_all"] = "readable"
except hvac.exceptions.InvalidPath:
    results["after_delete_all"] = "InvalidPath"

kv1 = client.secrets.kv.v1
kv1.create_or_update_secret("team/cfg", {"ttl": "1h", "value": 42}, mount_point="kv1")
read1 = kv1.read_secret("team/cfg", mount_point="kv1")
results["kv1_value"] = read1["data"]["value"]
results["kv1_lease_duration"] = read1["lease_duration"]
results["kv1_list"] = kv1.list_secrets("team", mount_point="kv1")["data"]["keys"]
kv1.delete_secret("team/cfg", mount_point="kv1")
try:
    kv1.read_secret("team/cfg", mount_point="kv1")
    results["kv1_after_delete"] = "readable"
except hvac.exceptions.InvalidPath:
    results["kv1_after_delete"] = "InvalidPath"

print(json.dumps(results))
