// Drives an unsealed server through npm's node-vault, unchanged, as an application and its operator would: mounts,
// KV v2 through the generic read/write/list/delete/update, policies, userpass and approle logins, tokens, response
// wrapping, leases and transit. Prints one JSON object of observations for NodeVaultClientTests to assert.
'use strict';
const vault = require('node-vault');

async function failure(promise) {
    try {
        await promise;
        return null;
    } catch (error) {
        return `${error.response ? error.response.statusCode : 'no response'} ${error.message}`;
    }
}

const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (text) => Buffer.from(text, 'base64').toString('utf8');

async function main() {
    const [endpoint, rootToken] = process.argv.slice(2);
    const root = vault({ endpoint, token: rootToken });
    const results = {};

    // Mounts: KV v2 at kv/, transit at transit/.
    await root.mount({ mount_point: 'kv', type: 'kv', options: { version: '2' } });
    await root.mount({ mount_point: 'transit', type: 'transit' });
    const mounts = await root.mounts();
    results.kv_mount_version = mounts['kv/'].options.version;
    results.transit_mount_type = mounts['transit/'].type;

    // KV v2 through the generic verbs.
    results.written_version = (await root.write('kv/data/app/db', { data: { user: 'u', password: 'p1' } })).data.version;
    await root.write('kv/data/app/db', { data: { user: 'u', password: 'p2' } });
    const read = await root.read('kv/data/app/db');
    results.read_password = read.data.data.password;
    results.read_version = read.data.metadata.version;
    results.patched_version = (await root.update('kv/data/app/db', { data: { password: 'p3' } })).data.version;
    results.patched_user = (await root.read('kv/data/app/db')).data.data.user;
    results.list_keys = (await root.list('kv/metadata/app')).data.keys;
    const getLister = vault({ endpoint, token: rootToken, noCustomHTTPVerbs: true });
    results.list_keys_get = (await getLister.list('kv/metadata/app')).data.keys;
    await root.destroySecretVersions({ mount_point: 'kv', path: 'app/db', versions: [1] });
    results.v1_destroyed = (await root.read('kv/metadata/app/db')).data.versions['1'].destroyed;
    results.missing_read_error = await failure(root.read('kv/data/nothing'));

    // A policy, a userpass user holding it, and what that user can and cannot do.
    await root.addPolicy({ name: 'app', rules: 'path "kv/data/app/*" { capabilities = ["read"] }' });
    results.policies = (await root.policies()).policies;
    results.policy_text = (await root.getPolicy({ name: 'app' })).rules;
    await root.enableAuth({ mount_point: 'userpass', type: 'userpass' });
    results.auth_types = Object.keys(await root.auths()).filter((path) => path.endsWith('/')).sort();
    await root.write('auth/userpass/users/alice', { password: 'correct horse', policies: 'app' });
    const alice = vault({ endpoint });
    const login = await alice.userpassLogin({ username: 'alice', password: 'correct horse' });
    results.login_policies = login.auth.policies;
    results.login_token_adopted = alice.token === login.auth.client_token;
    results.alice_read_password = (await alice.read('kv/data/app/db')).data.data.password;
    results.alice_write_error = await failure(alice.write('kv/data/app/db', { data: { password: 'x' } }));
    results.bad_password_error = await failure(vault({ endpoint }).userpassLogin({ username: 'alice', password: 'wrong' }));

    // AppRole: role, role-id, secret-id, login.
    await root.enableAuth({ mount_point: 'approle', type: 'approle' });
    await root.addApproleRole({ role_name: 'worker', policies: 'app', token_ttl: 1200 });
    results.approle_roles = (await root.approleRoles()).data.keys;
    const roleId = (await root.getApproleRoleId({ role_name: 'worker' })).data.role_id;
    const secretId = (await root.getApproleRoleSecret({ role_name: 'worker' })).data.secret_id;
    const worker = vault({ endpoint });
    const approle = await worker.approleLogin({ role_id: roleId, secret_id: secretId });
    results.approle_ttl = approle.auth.lease_duration;
    results.approle_read_password = (await worker.read('kv/data/app/db')).data.data.password;

    // Tokens: create, look up, renew, revoke.
    const creator = vault({ endpoint, token: rootToken });
    const created = await creator.tokenCreate({ policies: ['app'], ttl: '1h', display_name: 'ci' });
    results.created_policies = created.auth.policies;
    results.creator_adopted_new_token = creator.token === created.auth.client_token;
    const self = await creator.tokenLookupSelf();
    results.self_display_name = self.data.display_name;
    results.renewed_ttl = (await creator.tokenRenewSelf({ increment: '2h' })).auth.lease_duration;
    results.lookup_by_root = (await root.tokenLookup({ token: created.auth.client_token })).data.policies;
    await root.tokenRevoke({ token: created.auth.client_token });
    results.revoked_lookup_error = await failure(creator.tokenLookupSelf());

    // Leases: a credential from the test host's leased engine, looked up, renewed and revoked through node-vault.
    await root.mount({ mount_point: 'leased', type: 'leased-test' });
    const issued = await root.read('leased/creds/app?ttl=10m&max_ttl=1h');
    results.issued_lease_duration = issued.lease_duration;
    results.issued_renewable = issued.renewable;
    results.lease_prefix = issued.lease_id.slice(0, 'leased/creds/app/'.length);
    results.lookup_ttl_positive = (await root.write('sys/leases/lookup', { lease_id: issued.lease_id })).data.ttl > 0;
    const renewed = await root.renew({ lease_id: issued.lease_id, increment: 1800 });
    results.renewed_lease_id_same = renewed.lease_id === issued.lease_id;
    results.renewed_lease_duration = renewed.lease_duration;
    await root.revoke({ lease_id: issued.lease_id });
    const revocations = await root.read(`leased/revocations?lease_id=${encodeURIComponent(issued.lease_id)}`);
    results.revoke_calls = revocations.data.count;
    results.revoked_renew_error = await failure(root.renew({ lease_id: issued.lease_id }));

    // Response wrapping: wrap a secret, unwrap it once.
    const wrapped = await root.write('sys/wrapping/wrap', { shipment: 'crate 7' }, { headers: { 'X-Vault-Wrap-TTL': '5m' } });
    results.wrap_ttl = wrapped.wrap_info.ttl;
    const unwrapped = await root.unwrap({ token: wrapped.wrap_info.token });
    results.unwrapped = unwrapped.data.shipment;
    results.second_unwrap_error = await failure(root.unwrap({ token: wrapped.wrap_info.token }));

    // Transit through node-vault's own commands.
    await root.transitCreateKey({ name: 'orders', type: 'aes256-gcm96' });
    results.transit_keys = (await root.transitListKeys()).data.keys;
    results.transit_type = (await root.transitReadKey({ name: 'orders' })).data.type;
    const encrypted = (await root.encryptData({ name: 'orders', plaintext: b64('card 4111') })).data.ciphertext;
    results.ciphertext_prefix = encrypted.slice(0, 9);
    results.decrypted = unb64((await root.decryptData({ name: 'orders', ciphertext: encrypted })).data.plaintext);
    await root.write('transit/keys/orders/rotate', {});
    const rewrapped = (await root.rewrapData({ name: 'orders', ciphertext: encrypted })).data.ciphertext;
    results.rewrapped_prefix = rewrapped.slice(0, 9);
    results.rewrapped_decrypted = unb64((await root.decryptData({ name: 'orders', ciphertext: rewrapped })).data.plaintext);
    results.tampered_error = await failure(root.decryptData({ name: 'orders', ciphertext: `${encrypted.slice(0, -4)}AAA=` }));
    results.delete_denied_error = await failure(root.transitDeleteKey({ name: 'orders' }));
    await root.write('transit/keys/orders/config', { deletion_allowed: true });
    await root.transitDeleteKey({ name: 'orders' });
    results.deleted_read_error = await failure(root.transitReadKey({ name: 'orders' }));

    // Unmount and the error a client sees for a path nothing serves.
    await root.unmount({ mount_point: 'transit' });
    results.unmounted_error = await failure(root.encryptData({ name: 'orders', plaintext: b64('x') }));

    process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
    process.stderr.write(`${error.message} ${error.dataPath || ""}\n${error.stack || error}\n${JSON.stringify(error.response && error.response.body)}\n`);
    process.exit(1);
});
