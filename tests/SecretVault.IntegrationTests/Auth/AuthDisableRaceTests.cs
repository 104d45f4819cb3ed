using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using SecretVault.IntegrationTests.Fixtures;
using static SecretVault.IntegrationTests.Fixtures.VaultHttp;

namespace SecretVault.IntegrationTests.Auth;

/// <summary>
/// Found by an independent attack after issue 15: logins running while their auth method was disabled issued tokens
/// that outlived it (6-7 per trial with 6 clients), although disabling revokes every token the method issued.
/// </summary>
public sealed class AuthDisableRaceTests
{
    [Fact]
    public async Task LoginsRacingADisable_LeaveNoWorkingToken()
    {
        await using var server = await TestServer.StartInMemoryAsync();
        var root = await server.InitAndUnsealAsync();
        for (var trial = 0; trial < 8; trial++)
        {
            var mount = $"up{trial}";
            await ExpectAsync(server, root, HttpMethod.Post, $"v1/sys/auth/{mount}", new { type = "userpass" }, HttpStatusCode.NoContent);
            await ExpectAsync(server, root, HttpMethod.Post, $"v1/auth/{mount}/users/u", new { password = "p", token_policies = "default" }, HttpStatusCode.NoContent);
            var issued = new ConcurrentBag<string>();
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, 12).Select(_ => LoginUntilAsync(server, mount, issued, stop.Token)).ToList();
            while (issued.Count < 12)
            {
                await Task.Yield();
            }

            await ExpectAsync(server, root, HttpMethod.Delete, $"v1/sys/auth/{mount}", null, HttpStatusCode.NoContent);
            await stop.CancelAsync();
            await Task.WhenAll(clients);

            foreach (var token in issued)
            {
                await ExpectAsync(server, token, HttpMethod.Get, "v1/auth/token/lookup-self", null, HttpStatusCode.Forbidden);
            }
        }
    }

    private static async Task LoginUntilAsync(TestServer server, string mount, ConcurrentBag<string> issued, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using var response = await server.Http.SendAsync(TestServer.Request(HttpMethod.Post, $"v1/auth/{mount}/login/u", null, new { password = "p" }), CancellationToken.None);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
                issued.Add(body.RootElement.GetProperty("auth").GetProperty("client_token").GetString()!);
            }
        }
    }
}
