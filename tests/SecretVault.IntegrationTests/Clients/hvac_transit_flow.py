"""Drives the transit engine (mount "transit") through Debian's hvac, unchanged."""
import base64
import json
import sys

import hvac

url, token = sys.argv[1], sys.argv[2]
transit = hvac.Client(url=url, token=token).secrets.transit
results = {}


def b64(text):
    return base64.b64encode(text.encode()).decode()


def unb64(text):
    return base64.b64decode(text).decode()


transit.create_key("orders", exportable=True, allow_plaintext_backup=True)
results["key_type"] = transit.read_key("orders")["data"]["type"]
ciphertext = transit.encrypt_data("orders", b64("card 4111"))["data"]["ciphertext"]
results["v1_prefix"] = ciphertext[:9]
results["decrypted"] = unb64(transit.decrypt_data("orders", ciphertext)["data"]["plaintext"])

batch = transit.encrypt_data("orders", "", batch_input=[{"plaintext": b64("a")}, {"plaintext": b64("b")}])
results["batch_count"] = len(batch["data"]["batch_results"])

transit.rotate_key("orders")
rewrapped = transit.rewrap_data("orders", ciphertext)["data"]["ciphertext"]
results["rewrapped_prefix"] = rewrapped[:9]
transit.update_key_configuration("orders", min_decryption_version=2)
try:
    transit.decrypt_data("orders", ciphertext)
    results["too_old_error"] = None
except hvac.exceptions.InvalidRequest as error:
    results["too_old_error"] = str(error)
results["rewrapped_decrypted"] = unb64(transit.decrypt_data("orders", rewrapped)["data"]["plaintext"])

transit.create_key("signer", key_type="ed25519")
signature = transit.sign_data("signer", b64("release 1.0"))["data"]["signature"]
results["ed25519_valid"] = transit.verify_signed_data("signer", b64("release 1.0"), signature=signature)["data"]["valid"]
results["ed25519_other_valid"] = transit.verify_signed_data("signer", b64("release 2.0"), signature=signature)["data"]["valid"]

transit.create_key("jwt", key_type="ecdsa-p256")
jws = transit.sign_data("jwt", b64("header.payload"), marshaling_algorithm="jws")["data"]["signature"]
results["jws_valid"] = transit.verify_signed_data("jwt", b64("header.payload"), signature=jws, marshaling_algorithm="jws")["data"]["valid"]

mac = transit.generate_hmac("orders", b64("message"), algorithm="sha2-512")["data"]["hmac"]
results["hmac_valid"] = transit.verify_signed_data("orders", b64("message"), hmac=mac, hash_algorithm="sha2-512")["data"]["valid"]

datakey = transit.generate_data_key("orders", key_type="plaintext", bits=256)["data"]
results["datakey_matches"] = transit.decrypt_data("orders", datakey["ciphertext"])["data"]["plaintext"] == datakey["plaintext"]
results["hash"] = transit.hash_data(b64("abc"), algorithm="sha2-256", output_format="hex")["data"]["sum"]
results["random_length"] = len(base64.b64decode(transit.generate_random_bytes(n_bytes=24)["data"]["random_bytes"]))
results["export_versions"] = sorted(transit.export_key("orders", key_type="encryption-key")["data"]["keys"].keys())

backup = transit.backup_key("orders")["data"]["backup"]
transit.restore_key(backup, name="orders-copy")
results["restored_decrypted"] = unb64(transit.decrypt_data("orders-copy", rewrapped)["data"]["plaintext"])

transit.update_key_configuration("orders", min_encryption_version=2)
results["trimmed_versions"] = sorted(transit.trim_key("orders", min_version=2)["data"]["keys"].keys())
transit.update_key_configuration("orders-copy", deletion_allowed=True)
transit.delete_key("orders-copy")
try:
    transit.read_key("orders-copy")
    results["deleted_read"] = None
except hvac.exceptions.InvalidPath:
    results["deleted_read"] = "InvalidPath"

print(json.dumps(results))
