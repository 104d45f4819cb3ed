using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;
using SecretVault.Sdk.Time;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Tokens;

/// <summary>
/// Issue 15 item 11: one rule for every duration a request carries. Each field that takes a duration gets a sub-second
/// value (one second, or refused where the field has a larger minimum: never zero), zero (Vault's meaning for that
/// field: "none", "the default" or refused), a negative value (refused, except a renewal's increment, which Vault
/// reads as "none", and KV's config delete_version_after, which Vault keeps as "off for every key"), garbage and a value beyond range (refused).
/// </summary>
public sealed class DurationFieldTests : IClassFixture<DurationFieldTests.Fixture>
{
    private const long SystemMax = 2764800;

    private static readonly string[] Values = ["0.5s", "1ns", "0", "-1s", "abc", "1000000000h"];

    private readonly Fixture _f;

    public DurationFieldTests(Fixture fixture)
    {
        _f = fixture;
    }

    /// <summary>
    /// A field: how to send a value, where its effect is read back (seconds), what zero and a negative value read as
    /// (null: refused; Vault refuses a secret ID's zero ttl under a role with a secret_id_ttl), its minimum.
    /// </summary>
    private sealed record Field(Func<Fixture, string, string, Task<HttpResponseMessage>> Send, Func<Fixture, string, JsonElement, Task<long>> Read, long? Zero, long Minimum = 1, long? Negative = null);

    private static readonly Dictionary<string, Field> Fields = new(StringComparer.Ordinal)
    {
        ["token create ttl"] = TokenCreate("ttl"),
        ["token create lease"] = TokenCreate("lease"),
        ["token create explicit_max_ttl"] = TokenCreate("explicit_max_ttl"),
        ["token create period"] = TokenCreate("period"),
        ["token renew-self increment"] = new(
            async (f, name, value) =>
            {
                var token = await CreateTokenAsync(f.Server, f.Root, new { policies = new[] { "default" }, ttl = "1h" });
                return await f.Server.Http.SendAsync(TestServer.Request(HttpMethod.Post, "v1/auth/token/renew-self", token, new { increment = value }));
            },
            (_, _, body) => Task.FromResult(body.GetProperty("auth").GetProperty("lease_duration").GetInt64()),
            Zero: 3600,
            Negative: 3600),
        ["sys/leases/renew increment"] = new(
            async (f, name, value) =>
            {
                var issued = await ExpectAsync(f.Server, f.Root, HttpMethod.Get, $"v1/db/creds/{name}?ttl=1h", null, HttpStatusCode.OK);
                var leaseId = issued.GetProperty("lease_id").GetString();
                return await f.Server.Http.SendAsync(TestServer.Request(HttpMethod.Put, "v1/sys/leases/renew", f.Root, new { lease_id = leaseId, increment = value }));
            },
            (_, _, body) => Task.FromResult(body.GetProperty("lease_duration").GetInt64()),
            Zero: 3600,
            Negative: 3600),
        ["token role token_explicit_max_ttl"] = Stored("v1/auth/token/roles/{0}", "token_explicit_max_ttl", new { }),
        ["token role token_period"] = Stored("v1/auth/token/roles/{0}", "token_period", new { }),
        ["token role explicit_max_ttl"] = Stored("v1/auth/token/roles/{0}", "explicit_max_ttl", new { }, "token_explicit_max_ttl"),
        ["token role period"] = Stored("v1/auth/token/roles/{0}", "period", new { }, "token_period"),
        ["userpass token_ttl"] = Stored("v1/auth/userpass/users/{0}", "token_ttl", new { password = "pw" }),
        ["userpass token_max_ttl"] = Stored("v1/auth/userpass/users/{0}", "token_max_ttl", new { password = "pw" }),
        ["userpass token_explicit_max_ttl"] = Stored("v1/auth/userpass/users/{0}", "token_explicit_max_ttl", new { password = "pw" }),
        ["userpass token_period"] = Stored("v1/auth/userpass/users/{0}", "token_period", new { password = "pw" }),
        ["userpass ttl"] = Stored("v1/auth/userpass/users/{0}", "ttl", new { password = "pw" }, "token_ttl"),
        ["approle token_ttl"] = Stored("v1/auth/approle/role/{0}", "token_ttl", new { }),
        ["approle token_max_ttl"] = Stored("v1/auth/approle/role/{0}", "token_max_ttl", new { }),
        ["approle token_explicit_max_ttl"] = Stored("v1/auth/approle/role/{0}", "token_explicit_max_ttl", new { }),
        ["approle token_period"] = Stored("v1/auth/approle/role/{0}", "token_period", new { }),
        ["approle secret_id_ttl"] = Stored("v1/auth/approle/role/{0}", "secret_id_ttl", new { }),
        ["approle secret-id ttl"] = new(
            async (f, name, value) =>
            {
                await ExpectAsync(f.Server, f.Root, HttpMethod.Post, $"v1/auth/approle/role/{name}", new { secret_id_ttl = "1h" }, HttpStatusCode.NoContent);
                return await f.Server.Http.SendAsync(TestServer.Request(HttpMethod.Post, $"v1/auth/approle/role/{name}/secret-id", f.Root, new { ttl = value }));
            },
            (_, _, body) => Task.FromResult(body.GetProperty("data").GetProperty("secret_id_ttl").GetInt64()),
            Zero: null),
        ["sys/mounts config default_lease_ttl"] = MountConfig("default_lease_ttl"),
        ["sys/mounts config max_lease_ttl"] = MountConfig("max_lease_ttl"),
        ["sys/mounts tune default_lease_ttl"] = Tune("default_lease_ttl"),
        ["sys/mounts tune max_lease_ttl"] = Tune("max_lease_ttl"),
        ["sys/auth tune lockout_duration"] = LockoutTune("lockout_duration", "user_lockout_duration"),
        ["sys/auth tune lockout_counter_reset"] = LockoutTune("lockout_counter_reset", "user_lockout_counter_reset_duration"),
        ["sys/rotate/config interval"] = new(
            (f, _, value) => f.Server.Http.SendAsync(TestServer.Request(HttpMethod.Post, "v1/sys/rotate/config", f.Root, new { interval = value })),
            async (f, _, _) => Seconds((await ExpectAsync(f.Server, f.Root, HttpMethod.Get, "v1/sys/rotate/config", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("interval")),
            Zero: 0,
            Minimum: 24 * 3600),
        ["transit keys auto_rotate_period"] = new(
            (f, name, value) => f.Server.Http.SendAsync(TestServer.Request(HttpMethod.Post, $"v1/transit/keys/{name}", f.Root, new { auto_rotate_period = value })),
            async (f, name, _) => Seconds((await ExpectAsync(f.Server, f.Root, HttpMethod.Get, $"v1/transit/keys/{name}", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("auto_rotate_period")),
            Zero: 0,
            Minimum: 3600),
        ["transit keys config auto_rotate_period"] = new(
            async (f, name, value) =>
            {
                await ExpectAsync(f.Server, f.Root, HttpMethod.Post, $"v1/transit/keys/{name}", new { }, HttpStatusCode.OK);
                return await f.Server.Http.SendAsync(TestServer.Request(HttpMethod.Post, $"v1/transit/keys/{name}/config", f.Root, new { auto_rotate_period = value }));
            },
            async (f, name, _) => Seconds((await ExpectAsync(f.Server, f.Root, HttpMethod.Get, $"v1/transit/keys/{name}", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("auto_rotate_period")),
            Zero: 0,
            Minimum: 3600),
        ["kv config delete_version_after"] = new(
            (f, _, value) => f.Server.Http.SendAsync(TestServer.Request(HttpMethod.Post, "v1/kv2/config", f.Root, new { delete_version_after = value })),
            async (f, _, _) => Seconds((await ExpectAsync(f.Server, f.Root, HttpMethod.Get, "v1/kv2/config", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("delete_version_after")),
            Zero: 0,
            Negative: -1),
        ["kv metadata delete_version_after"] = new(
            (f, name, value) => f.Server.Http.SendAsync(TestServer.Request(HttpMethod.Post, $"v1/kv2/metadata/{name}", f.Root, new { delete_version_after = value })),
            async (f, name, _) => Seconds((await ExpectAsync(f.Server, f.Root, HttpMethod.Get, $"v1/kv2/metadata/{name}", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("delete_version_after")),
            Zero: 0),
        ["X-Vault-Wrap-TTL header"] = new(
            (f, _, value) =>
            {
                var request = TestServer.Request(HttpMethod.Post, "v1/auth/token/create", f.Root, new { policies = new[] { "default" } });
                request.Headers.Add("X-Vault-Wrap-TTL", value);
                return f.Server.Http.SendAsync(request);
            },
            (_, _, body) => Task.FromResult(body.GetProperty("wrap_info").ValueKind == JsonValueKind.Object ? body.GetProperty("wrap_info").GetProperty("ttl").GetInt64() : 0),
            Zero: 0),
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in Fields.Keys)
        {
            foreach (var value in Values)
            {
                data.Add(field, value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task DurationField_AnyValue_FollowsTheOneRule(string field, string value)
    {
        var spec = Fields[field];
        var name = "d" + Guid.NewGuid().ToString("N")[..12];

        using var response = await spec.Send(_f, name, value);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();

        long? expected = value switch
        {
            "0.5s" or "1ns" => spec.Minimum > 1 ? null : 1,
            "0" => spec.Zero,
            "-1s" => spec.Negative,
            _ => null,
        };
        if (expected is null)
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field} = {value}: expected 400, got {(int)response.StatusCode}: {text}");
            return;
        }

        Assert.True(response.IsSuccessStatusCode, $"{field} = {value}: expected success, got {(int)response.StatusCode}: {text}");
        Assert.Equal(expected, await spec.Read(_f, name, body));
    }

    private static Field TokenCreate(string field) => new(
        (f, _, value) => f.Server.Http.SendAsync(TestServer.Request(HttpMethod.Post, "v1/auth/token/create", f.Root, new Dictionary<string, object>
        {
            ["policies"] = new[] { "default" },
            [field] = value,
        })),
        (_, _, body) => Task.FromResult(body.GetProperty("auth").GetProperty("lease_duration").GetInt64()),
        Zero: SystemMax);

    // Written to a fresh entry at pathFormat, read back from the same path.
    private static Field Stored(string pathFormat, string field, object baseBody, string? readAs = null) => new(
        (f, name, value) =>
        {
            var body = JsonSerializer.SerializeToNode(baseBody)!.AsObject();
            body[field] = value;
            return f.Server.Http.SendAsync(TestServer.Request(HttpMethod.Post, string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, name), f.Root, body));
        },
        async (f, name, _) => Seconds((await ExpectAsync(f.Server, f.Root, HttpMethod.Get, string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, name), null, HttpStatusCode.OK))
            .GetProperty("data").GetProperty(readAs ?? field)),
        Zero: 0);

    // A zero mount TTL means "the system's", which the tune read shows.
    private static Field MountConfig(string field) => new(
        (f, name, value) => f.Server.Http.SendAsync(TestServer.Request(HttpMethod.Post, $"v1/sys/mounts/{name}", f.Root, new { type = "kv", config = new Dictionary<string, string> { [field] = value } })),
        async (f, name, _) => Seconds((await ExpectAsync(f.Server, f.Root, HttpMethod.Get, $"v1/sys/mounts/{name}/tune", null, HttpStatusCode.OK)).GetProperty("data").GetProperty(field)),
        Zero: SystemMax);

    private static Field Tune(string field) => new(
        async (f, name, value) =>
        {
            await ExpectAsync(f.Server, f.Root, HttpMethod.Post, $"v1/sys/mounts/{name}", new { type = "kv" }, HttpStatusCode.NoContent);
            return await f.Server.Http.SendAsync(TestServer.Request(HttpMethod.Post, $"v1/sys/mounts/{name}/tune", f.Root, new Dictionary<string, string> { [field] = value }));
        },
        async (f, name, _) => Seconds((await ExpectAsync(f.Server, f.Root, HttpMethod.Get, $"v1/sys/mounts/{name}/tune", null, HttpStatusCode.OK)).GetProperty("data").GetProperty(field)),
        Zero: SystemMax);

    // Zero means "not set here" (Vault), so the read shows 0.
    private static Field LockoutTune(string field, string readAs) => new(
        async (f, name, value) =>
        {
            await ExpectAsync(f.Server, f.Root, HttpMethod.Post, $"v1/sys/auth/{name}", new { type = "userpass" }, HttpStatusCode.NoContent);
            return await f.Server.Http.SendAsync(TestServer.Request(HttpMethod.Post, $"v1/sys/auth/{name}/tune", f.Root, new
            {
                user_lockout_config = new Dictionary<string, string> { [field] = value },
            }));
        },
        async (f, name, _) => Seconds((await ExpectAsync(f.Server, f.Root, HttpMethod.Get, $"v1/sys/auth/{name}/tune", null, HttpStatusCode.OK)).GetProperty("data").GetProperty(readAs)),
        Zero: 0);

    // Vault's KV config keeps a negative delete_version_after ("-1s": scheduled deletion off for every key).
    private static long Seconds(JsonElement value) => value.ValueKind == JsonValueKind.Number
        ? value.GetInt64()
        : value.GetString() is ['-', .. var positive] ? -(long)Durations.Parse(positive).TotalSeconds : (long)Durations.Parse(value.GetString()!).TotalSeconds;

    /// <summary>One server with userpass, approle, transit, a kv v2 mount and a leased test engine.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public TestServer Server { get; private set; } = null!;

        public string Root { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Server = await TestServer.StartInMemoryAsync(services: TestServer.AddLeasedTestEngine);
            Root = await Server.InitAndUnsealAsync();
            await ExpectAsync(Server, Root, HttpMethod.Post, "v1/sys/auth/userpass", new { type = "userpass" }, HttpStatusCode.NoContent);
            await ExpectAsync(Server, Root, HttpMethod.Post, "v1/sys/auth/approle", new { type = "approle" }, HttpStatusCode.NoContent);
            await ExpectAsync(Server, Root, HttpMethod.Post, "v1/sys/mounts/transit", new { type = "transit" }, HttpStatusCode.NoContent);
            await ExpectAsync(Server, Root, HttpMethod.Post, "v1/sys/mounts/db", new { type = "leased-test" }, HttpStatusCode.NoContent);
            await ExpectAsync(Server, Root, HttpMethod.Post, "v1/sys/mounts/kv2", new { type = "kv", options = new { version = "2" } }, HttpStatusCode.NoContent);
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
