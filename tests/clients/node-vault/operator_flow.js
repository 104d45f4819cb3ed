// Drives a fresh, uninitialised server through npm's node-vault, unchanged: init, unseal, status, health, leader,
// rotate, seal. Prints one JSON object of observations for NodeVaultClientTests to assert.
'use strict';
const vault = require('node-vault');

async function main() {
    const [endpoint] = process.argv.slice(2);
    const client = vault({ endpoint });
    const results = {};

    results.initialized_before = (await client.initialized()).initialized;
    const init = await client.init({ secret_shares: 3, secret_threshold: 2 });
    results.key_count = init.keys.length;
    results.root_token_prefix = init.root_token.slice(0, 4);
    client.token = init.root_token;

    const sealed = await client.status();
    results.sealed_before = sealed.sealed;
    results.t = sealed.t;
    results.n = sealed.n;
    results.progress_after_one = (await client.unseal({ key: init.keys[0] })).progress;
    results.sealed_after_two = (await client.unseal({ key: init.keys[1] })).sealed;

    const health = await client.health();
    results.health_initialized = health.initialized;
    results.health_sealed = health.sealed;
    results.health_standby = health.standby;
    results.leader_ha_enabled = (await client.leader()).ha_enabled;

    // Root token generation: node-vault checks the response shapes against its own schema.
    const attempt = await client.generateRootInit({});
    results.generate_root_started = attempt.started;
    const otp = attempt.otp;
    results.generate_root_first_progress = (await client.generateRootUpdate({ key: init.keys[1], nonce: attempt.nonce })).progress;
    const generated = await client.generateRootUpdate({ key: init.keys[2], nonce: attempt.nonce });
    results.generate_root_complete = generated.complete;
    const raw = Buffer.from(generated.encoded_token, 'base64');
    const newRoot = Buffer.from(raw.map((byte, i) => byte ^ otp.charCodeAt(i))).toString('utf8');
    results.generated_token_policies = (await vault({ endpoint, token: newRoot }).tokenLookupSelf()).data.policies;
    await client.generateRootInit({});
    await client.generateRootCancel();

    await client.rotate();
    results.key_term = (await client.read('sys/key-status')).term;

    try {
        await client.unseal({ key: init.keys[2] });
        results.unseal_unsealed_error = null;
    } catch (error) {
        results.unseal_unsealed_error = `${error.response.statusCode} ${error.message}`;
    }

    await client.seal();
    results.sealed_after_seal = (await client.status()).sealed;
    const sealedHealth = await client.health();
    results.sealed_health_sealed = sealedHealth.sealed;

    try {
        await client.unseal({ key: 'not-a-key' });
        results.bad_key_error = null;
    } catch (error) {
        results.bad_key_error = `${error.response.statusCode} ${error.message}`;
    }

    process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
    process.stderr.write(`${error.message} ${error.dataPath || ""}\n${error.stack || error}\n${JSON.stringify(error.response && error.response.body)}\n`);
    process.exit(1);
});
