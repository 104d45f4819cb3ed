using System.Security.Cryptography;
using System.Text.Json;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Samples.Passwords;

/// <summary>
/// A sample engine: <c>policies/:name</c> stores a generator policy (length, characters) in the mount's storage,
/// <c>generate/:name</c> answers a fresh random password drawn by that policy. Nothing generated is stored.
/// </summary>
public sealed class PasswordsBackend : FrameworkBackend
{
    private const string Name = "(?<name>[A-Za-z0-9_-]+)";
    private const string StoragePrefix = "policy/";

    /// <inheritdoc />
    protected override string BackendHelp => "The passwords sample engine generates random passwords from named policies.";

    /// <inheritdoc />
    protected override IReadOnlyList<PathDefinition> DefinePaths() =>
    [
        new PathDefinition
        {
            Pattern = "policies/?",
            Operations = new Dictionary<Operation, PathHandler> { [Operation.List] = ListAsync },
            HelpSynopsis = "List the generator policies.",
        },
        new PathDefinition
        {
            Pattern = "policies/" + Name,
            Fields = new Dictionary<string, FieldSchema>
            {
                ["name"] = new(FieldType.String, "The policy's name."),
                ["length"] = new(FieldType.Int, "Characters per password.") { Default = PasswordPolicyEntry.DefaultLength },
                ["charset"] = new(FieldType.String, "The characters a password draws from.") { Default = PasswordPolicyEntry.DefaultCharset },
            },
            ExistenceCheck = async (request, data, ct) => await ReadPolicyAsync(request, data.GetString("name"), ct).ConfigureAwait(false) is not null,
            Operations = new Dictionary<Operation, PathHandler>
            {
                [Operation.Read] = ReadAsync,
                [Operation.Update] = WriteAsync,
                [Operation.Delete] = DeleteAsync,
            },
            HelpSynopsis = "Read, write or delete a generator policy.",
        },
        new PathDefinition
        {
            Pattern = "generate/" + Name,
            Fields = new Dictionary<string, FieldSchema> { ["name"] = new(FieldType.String, "The policy to generate with.") },
            Operations = new Dictionary<Operation, PathHandler> { [Operation.Read] = GenerateAsync },
            HelpSynopsis = "Generate a password with a policy.",
        },
    ];

    private static async Task<LogicalResponse?> ListAsync(LogicalRequest request, FieldData data, CancellationToken ct) =>
        LogicalResponse.List(await request.RequiredStorage.ListAsync(StoragePrefix, ct).ConfigureAwait(false));

    private static async Task<LogicalResponse?> ReadAsync(LogicalRequest request, FieldData data, CancellationToken ct) =>
        await ReadPolicyAsync(request, data.GetString("name"), ct).ConfigureAwait(false) is { } policy
            ? LogicalResponse.WithData(new Dictionary<string, object?> { ["length"] = policy.Length, ["charset"] = policy.Charset })
            : null;

    private static async Task<LogicalResponse?> WriteAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        // Everything is checked before anything is stored.
        var length = data.GetInt("length");
        if (length is < PasswordPolicyEntry.MinLength or > PasswordPolicyEntry.MaxLength)
        {
            throw LogicalException.BadRequest($"length must be between {PasswordPolicyEntry.MinLength} and {PasswordPolicyEntry.MaxLength}");
        }

        var charset = new string([.. data.GetString("charset").Distinct()]);
        if (charset.Length < 2)
        {
            throw LogicalException.BadRequest("charset must hold at least two different characters");
        }

        var policy = new PasswordPolicyEntry((int)length, charset);
        await request.RequiredStorage.PutAsync(StoragePrefix + data.GetString("name"), JsonSerializer.SerializeToUtf8Bytes(policy), ct).ConfigureAwait(false);
        return null;
    }

    private static async Task<LogicalResponse?> DeleteAsync(LogicalRequest request, FieldData data, CancellationToken ct)
    {
        await request.RequiredStorage.DeleteAsync(StoragePrefix + data.GetString("name"), ct).ConfigureAwait(false);
        return null;
    }

    private static async Task<LogicalResponse?> GenerateAsync(LogicalRequest request, FieldData data, CancellationToken ct) =>
        await ReadPolicyAsync(request, data.GetString("name"), ct).ConfigureAwait(false) is { } policy
            // The OS's CSPRNG draws each character uniformly; no randomness of our own.
            ? LogicalResponse.WithData(new Dictionary<string, object?> { ["password"] = RandomNumberGenerator.GetString(policy.Charset, policy.Length) })
            : null;

    private static async Task<PasswordPolicyEntry?> ReadPolicyAsync(LogicalRequest request, string name, CancellationToken ct) =>
        await request.RequiredStorage.GetAsync(StoragePrefix + name, ct).ConfigureAwait(false) is { } bytes
            ? JsonSerializer.Deserialize<PasswordPolicyEntry>(bytes)
            : null;
}
