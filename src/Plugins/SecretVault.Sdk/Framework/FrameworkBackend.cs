using System.Text.RegularExpressions;
using SecretVault.Sdk.Logical;
using SecretVault.Sdk.Storage;

namespace SecretVault.Sdk.Framework;

/// <summary>
/// A backend declared as a table of <see cref="PathDefinition"/>s: it matches the request path,
/// checks the operation, wraps the parameters in <see cref="FieldData"/> and calls the handler.
/// </summary>
public abstract class FrameworkBackend : ILogicalBackend
{
    private readonly Lazy<IReadOnlyList<(Regex Regex, PathDefinition Path)>> _compiled;
    private readonly Lazy<IReadOnlyDictionary<string, SecretDefinition>> _secrets;

    protected FrameworkBackend()
    {
        _compiled = new Lazy<IReadOnlyList<(Regex, PathDefinition)>>(() =>
            [.. DefinePaths().Select(p => (new Regex($"^(?:{p.Pattern})$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1)), p))]);
        _secrets = new Lazy<IReadOnlyDictionary<string, SecretDefinition>>(() => DefineSecrets().ToDictionary(s => s.Type, StringComparer.Ordinal));
    }

    /// <inheritdoc />
    public virtual IReadOnlyList<string> UnauthenticatedPaths => [];

    /// <inheritdoc />
    public virtual IReadOnlyList<string> RootPaths => [];

    /// <summary>Help text for the whole backend.</summary>
    protected virtual string BackendHelp => "";

    /// <summary>
    /// Runs before every handler and existence check (not before help). Work that is done once per load belongs in
    /// <see cref="InitializeAsync"/>, which the core runs before the first request.
    /// </summary>
    protected virtual Task PrepareAsync(LogicalRequest request, CancellationToken ct) => Task.CompletedTask;

    /// <summary>The path table, evaluated once; the first matching row wins.</summary>
    protected abstract IReadOnlyList<PathDefinition> DefinePaths();

    /// <summary>The kinds of leased secret the backend issues; none by default.</summary>
    protected virtual IReadOnlyList<SecretDefinition> DefineSecrets() => [];

    /// <inheritdoc />
    public virtual Task PeriodicAsync(IStorage storage, CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task InitializeAsync(InitializationContext context, CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc />
    public virtual ValueTask UnloadAsync(CancellationToken ct) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public string? LeaseTypeIssuedBy(LogicalRequest request) =>
        // Most backends issue no leases: they answer without a second path match on every request.
        _secrets.Value.Count == 0 || request.Operation is Operation.Renew or Operation.Revoke or Operation.Help ? null : TryMatch(request)?.Path.IssuesLeaseOf;

    /// <inheritdoc />
    public string? LoginAliasOf(LogicalRequest request) =>
        TryMatch(request) is ({ LoginAlias: { } lookup }, var data) ? lookup(request, data) : null;

    /// <inheritdoc />
    public string? NormalizedPathOf(string path)
    {
        if (FirstMatch(path) is not ({ NormalizedNames.Count: > 0 } definition, { } match))
        {
            return null;
        }

        // Right to left, so the indexes of the groups still to replace stay valid.
        var normalized = path;
        foreach (var group in match.Groups.Cast<Group>().Where(g => g.Success).OrderByDescending(g => g.Index))
        {
            if (definition.NormalizedNames.TryGetValue(group.Name, out var normalize))
            {
                normalized = string.Concat(normalized.AsSpan(0, group.Index), normalize(group.Value), normalized.AsSpan(group.Index + group.Length));
            }
        }

        return normalized == path ? null : normalized;
    }

    /// <inheritdoc />
    public async Task<LogicalResponse?> HandleRequestAsync(LogicalRequest request, CancellationToken ct = default)
    {
        if (request.Operation is Operation.Renew or Operation.Revoke)
        {
            return await HandleLeaseAsync(request, ct).ConfigureAwait(false);
        }

        var (path, data) = Match(request);
        if (request.Operation == Operation.Help)
        {
            return LogicalResponse.Raw(new Dictionary<string, object?>
            {
                ["help"] = $"## DESCRIPTION\n\n{path.HelpSynopsis}\n\n{path.HelpDescription}\n\n{BackendHelp}".TrimEnd(),
            });
        }

        await PrepareAsync(request, ct).ConfigureAwait(false);
        var handler = FindHandler(path, request.Operation) ?? throw LogicalException.UnsupportedOperation();
        var response = await handler(request, data, ct).ConfigureAwait(false);
        if (!path.TakesArbitraryFields && request.Operation is Operation.Create or Operation.Update or Operation.Patch)
        {
            var unknown = request.Data.Keys.Where(k => !path.Fields.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                response = (response ?? new LogicalResponse()).WithWarning($"Endpoint ignored these unrecognized parameters: [{string.Join(' ', unknown)}]");
            }
        }

        return response;
    }

    /// <inheritdoc />
    public async Task<ExistenceCheckResult> ExistenceCheckAsync(LogicalRequest request, CancellationToken ct = default)
    {
        // An unknown path is answered by the handler, after the core's ACL check: answering 404 here would tell a
        // caller without rights which routes exist.
        if (TryMatch(request) is not { } match)
        {
            return ExistenceCheckResult.NotChecked;
        }

        var (path, data) = match;

        if (path.ExistenceCheck is null)
        {
            return ExistenceCheckResult.NotChecked;
        }

        await PrepareAsync(request, ct).ConfigureAwait(false);
        return new ExistenceCheckResult(true, await path.ExistenceCheck(request, data, ct).ConfigureAwait(false));
    }

    private async Task<LogicalResponse?> HandleLeaseAsync(LogicalRequest request, CancellationToken ct)
    {
        var lease = request.Lease ?? throw new InvalidOperationException("A renew or revoke request carries its lease.");
        var secret = _secrets.Value.GetValueOrDefault(lease.Secret.Type)
            ?? throw LogicalException.BadRequest($"secret type \"{lease.Secret.Type}\" is not known to this backend");
        await PrepareAsync(request, ct).ConfigureAwait(false);
        if (request.Operation == Operation.Revoke)
        {
            return await secret.Revoke(request, lease, ct).ConfigureAwait(false);
        }

        var renew = secret.Renew ?? throw LogicalException.BadRequest("lease is not renewable");
        return await renew(request, lease, ct).ConfigureAwait(false);
    }

    private (PathDefinition Path, FieldData Data) Match(LogicalRequest request) => TryMatch(request) ?? throw LogicalException.UnsupportedPath();

    private (PathDefinition Path, FieldData Data)? TryMatch(LogicalRequest request)
    {
        if (FirstMatch(request.Path) is not ({ } path, { } match))
        {
            return null;
        }

        var captures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in match.Groups.Cast<Group>())
        {
            if (group.Success && !int.TryParse(group.Name, out _))
            {
                captures[group.Name] = group.Value;
            }
        }

        return (path, new FieldData(request.Data, captures, path.Fields));
    }

    private (PathDefinition? Path, Match? Match) FirstMatch(string requestPath)
    {
        foreach (var (regex, path) in _compiled.Value)
        {
            var match = regex.Match(requestPath);
            if (match.Success)
            {
                return (path, match);
            }
        }

        return (null, null);
    }

    private static PathHandler? FindHandler(PathDefinition path, Operation operation)
    {
        if (path.Operations.TryGetValue(operation, out var handler))
        {
            return handler;
        }

        // As in Vault, a path without a separate create handler serves create with its update handler
        // and vice versa; HEAD is answered like GET.
        return operation switch
        {
            Operation.Create => path.Operations.GetValueOrDefault(Operation.Update),
            Operation.Update => path.Operations.GetValueOrDefault(Operation.Create),
            Operation.Header => path.Operations.GetValueOrDefault(Operation.Read),
            _ => null,
        };
    }
}
