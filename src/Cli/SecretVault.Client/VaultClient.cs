using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SecretVault.Client.Models;

namespace SecretVault.Client;

/// <summary>
/// A typed client of the <c>/v1</c> API, for vaultcli, tests and benchmarks. Sends the token in
/// <c>X-Vault-Token</c> and <c>X-Vault-Request: true</c>, as the vault CLI does.
/// </summary>
public sealed class VaultClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ServerCertificateVerifier? _verifier;
    private readonly string? _serverName;

    /// <summary>A client with its own HttpClient for <paramref name="settings"/>; a missing CA or client certificate file is an <see cref="ArgumentException"/>.</summary>
    public VaultClient(ClientSettings settings)
        : this(ServerCertificateVerifier.Create(settings.Tls, settings.SkipTlsVerify), settings)
    {
    }

    private VaultClient(ServerCertificateVerifier verifier, ClientSettings settings)
        : this(CreateHttp(settings, verifier), settings.Token, ownsHttp: true)
    {
        _verifier = verifier;
        _serverName = settings.Tls.ServerName;
    }

    /// <summary>A client over an existing HttpClient whose BaseAddress is the server.</summary>
    public VaultClient(HttpClient http, string? token, bool ownsHttp = false)
    {
        _http = http;
        _ownsHttp = ownsHttp;
        Token = token;
    }

    /// <summary>The server address.</summary>
    public Uri Address => _http.BaseAddress ?? throw new InvalidOperationException("the HttpClient has no BaseAddress");

    /// <summary>The token sent with each request, if any.</summary>
    public string? Token { get; set; }

    /// <summary>When set, every request asks for response wrapping with this TTL (<c>X-Vault-Wrap-TTL</c>).</summary>
    public string? WrapTtl { get; set; }

    /// <summary>When set, the first request is not sent but thrown as a <see cref="CurlStringException"/>.</summary>
    public bool OutputCurlString { get; set; }

    public async Task<bool> GetInitStatusAsync(CancellationToken ct = default) =>
        (await SendAsync(HttpMethod.Get, "sys/init", null, ct).ConfigureAwait(false))!.Value.GetProperty("initialized").GetBoolean();

    public Task<InitResponse> InitAsync(int secretShares, int secretThreshold, CancellationToken ct = default) =>
        SendTypedAsync<InitResponse>(HttpMethod.Put, "sys/init", new { secret_shares = secretShares, secret_threshold = secretThreshold }, ct);

    public Task<SealStatusResponse> GetSealStatusAsync(CancellationToken ct = default) =>
        SendTypedAsync<SealStatusResponse>(HttpMethod.Get, "sys/seal-status", null, ct);

    public Task<SealStatusResponse> UnsealAsync(string key, CancellationToken ct = default) =>
        SendTypedAsync<SealStatusResponse>(HttpMethod.Put, "sys/unseal", new { key }, ct);

    public Task<SealStatusResponse> ResetUnsealAsync(CancellationToken ct = default) =>
        SendTypedAsync<SealStatusResponse>(HttpMethod.Put, "sys/unseal", new { reset = true }, ct);

    public Task SealAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Put, "sys/seal", null, ct);

    public Task RotateAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Put, "sys/rotate", null, ct);

    public async Task<KeyStatusResponse> GetKeyStatusAsync(CancellationToken ct = default)
    {
        var body = await SendAsync(HttpMethod.Get, "sys/key-status", null, ct).ConfigureAwait(false);
        return body!.Value.GetProperty("data").Deserialize<KeyStatusResponse>()!;
    }

    public Task<GenerateRootStatusResponse> GetGenerateRootStatusAsync(CancellationToken ct = default) =>
        SendTypedAsync<GenerateRootStatusResponse>(HttpMethod.Get, "sys/generate-root/attempt", null, ct);

    /// <summary>Starts root token generation with <paramref name="otp"/>, or with an OTP the server generates and returns once when it is empty.</summary>
    public Task<GenerateRootStatusResponse> StartGenerateRootAsync(string otp, CancellationToken ct = default) =>
        SendTypedAsync<GenerateRootStatusResponse>(HttpMethod.Put, "sys/generate-root/attempt", otp.Length > 0 ? new { otp } : new { }, ct);

    public Task<GenerateRootStatusResponse> UpdateGenerateRootAsync(string key, string nonce, CancellationToken ct = default) =>
        SendTypedAsync<GenerateRootStatusResponse>(HttpMethod.Put, "sys/generate-root/update", new { key, nonce }, ct);

    public Task CancelGenerateRootAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Delete, "sys/generate-root/attempt", null, ct);

    /// <summary>GET, PUT or DELETE of <c>sys/rekey/init</c>, <c>update</c> or <c>verify</c> (which answers the status, or the new shares when complete).</summary>
    public async Task<RekeyStatusResponse?> RekeyAsync(HttpMethod method, string step, object? body, CancellationToken ct = default)
    {
        var answer = await SendAsync(method, "sys/rekey/" + step, body, ct).ConfigureAwait(false);
        return answer?.Deserialize<RekeyStatusResponse>();
    }

    public Task<LeaderResponse> GetLeaderAsync(CancellationToken ct = default) =>
        SendTypedAsync<LeaderResponse>(HttpMethod.Get, "sys/leader", null, ct);

    /// <summary><c>sys/health</c>: any status is an answer, so the code is returned with the body.</summary>
    public async Task<(int StatusCode, JsonElement? Body)> GetHealthAsync(string query = "", CancellationToken ct = default)
    {
        using var request = NewRequest(HttpMethod.Get, "sys/health" + (query.Length > 0 ? "?" + query : ""), null);
        using var response = await TransmitAsync(request, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>GET <paramref name="path"/>; null on a 404 without data, as the vault CLI's "No value found".</summary>
    public Task<SecretEnvelope?> ReadAsync(string path, CancellationToken ct = default) => LogicalAsync(HttpMethod.Get, path, null, ct);

    /// <summary>PUT (or another method) of a JSON body to <paramref name="path"/>; null on 204.</summary>
    public Task<SecretEnvelope?> WriteAsync(string path, object? body, HttpMethod? method = null, CancellationToken ct = default) =>
        LogicalAsync(method ?? HttpMethod.Put, path, body, ct);

    /// <summary>LIST as <c>GET ?list=true</c>, as the vault CLI sends it.</summary>
    public Task<SecretEnvelope?> ListAsync(string path, CancellationToken ct = default) =>
        LogicalAsync(HttpMethod.Get, path.TrimEnd('/') + "/?list=true", null, ct);

    public Task<SecretEnvelope?> DeleteAsync(string path, CancellationToken ct = default) => LogicalAsync(HttpMethod.Delete, path, null, ct);

    /// <summary>PATCH with <c>application/merge-patch+json</c>, as <c>vault kv patch</c> and <c>vault patch</c> send it.</summary>
    public Task<SecretEnvelope?> PatchAsync(string path, string json, CancellationToken ct = default) =>
        LogicalAsync(HttpMethod.Patch, path, new MergePatch(json), ct);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>Sends a request and returns the raw JSON body (null for 204), for endpoints without an envelope.</summary>
    public Task<JsonElement?> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken ct = default) =>
        SendAsync(method, path, body, ct);

    private async Task<SecretEnvelope?> LogicalAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        try
        {
            var json = await SendAsync(method, path, body, ct).ConfigureAwait(false);
            return json is { ValueKind: JsonValueKind.Object } answer && !IsEnvelope(answer)
                ? new SecretEnvelope { Data = answer }
                : json?.Deserialize<SecretEnvelope>();
        }
        catch (VaultApiException ex) when (ex.StatusCode == 404 && ex.Errors.Count == 0)
        {
            // A 404 that still carries data (a deleted KV v2 version) is an answer, as the vault CLI reads it.
            return ex.Body is { ValueKind: JsonValueKind.Object } answer && answer.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                ? answer.Deserialize<SecretEnvelope>()
                : null;
        }
    }

    /// <summary>
    /// Whether a body is a logical response; a bare object (<c>sys/health</c>, <c>sys/seal-status</c>) is read as its
    /// data, so <c>read sys/health</c> prints its fields as vault's does.
    /// </summary>
    private static bool IsEnvelope(JsonElement answer) =>
        answer.TryGetProperty("data", out _) || answer.TryGetProperty("auth", out _) || answer.TryGetProperty("wrap_info", out _)
        || answer.TryGetProperty("request_id", out _) || answer.TryGetProperty("warnings", out _);

    private async Task<T> SendTypedAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct) =>
        (await SendAsync(method, path, body, ct).ConfigureAwait(false))!.Value.Deserialize<T>()!;

    private async Task<JsonElement?> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = NewRequest(method, path, body);
        using var response = await TransmitAsync(request, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var errors = new List<string>();
            JsonElement? parsed = null;
            try
            {
                parsed = text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : null;
                if (parsed is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("errors", out var list))
                {
                    errors.AddRange(list.EnumerateArray().Select(e => e.GetString() ?? ""));
                }
            }
            catch (JsonException)
            {
                errors.Add(text);
            }

            throw new VaultApiException((int)response.StatusCode, errors, method.Method, request.RequestUri!, parsed);
        }

        return response.StatusCode == HttpStatusCode.NoContent || text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> TransmitAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (OutputCurlString)
        {
            throw await CurlStringException.ForAsync(request, ct).ConfigureAwait(false);
        }

        try
        {
            return await _http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex is not VaultConnectionException)
        {
            throw VaultConnectionException.From(ex, request.Method, request.RequestUri!, _verifier);
        }
    }

    private HttpRequestMessage NewRequest(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, new Uri(Address, "v1/" + path.TrimStart('/')));
        if (_serverName is not null && Address.Scheme == Uri.UriSchemeHttps)
        {
            // -tls-server-name is sent in SNI, as Go's tls.Config.ServerName. SocketsHttpHandler takes the SNI name
            // from the Host header (it overwrites SslOptions.TargetHost), so the header carries the name too.
            request.Headers.Host = Address.IsDefaultPort ? _serverName : $"{_serverName}:{Address.Port}";
        }

        request.Headers.Add("X-Vault-Request", "true");
        if (!string.IsNullOrEmpty(Token))
        {
            request.Headers.Add("X-Vault-Token", Token);
        }

        // sys/wrapping/wrap only works wrapped; the vault CLI asks for 5 minutes unless told otherwise.
        var wrapTtl = !string.IsNullOrEmpty(WrapTtl) ? WrapTtl : path.Trim('/') == "sys/wrapping/wrap" ? "5m" : null;
        if (wrapTtl is not null)
        {
            request.Headers.Add("X-Vault-Wrap-TTL", wrapTtl);
        }

        request.Content = body switch
        {
            null => null,
            MergePatch patch => new StringContent(patch.Json, Encoding.UTF8, "application/merge-patch+json"),
            string raw => new StringContent(raw, Encoding.UTF8, "application/json"),
            _ => JsonContent.Create(body),
        };

        return request;
    }

    private static HttpClient CreateHttp(ClientSettings settings, ServerCertificateVerifier verifier)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = verifier.Verify;
        if (ServerCertificateVerifier.LoadClientCertificate(settings.Tls) is { } clientCertificate)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        return new HttpClient(handler) { BaseAddress = settings.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    private sealed record MergePatch(string Json);
}
