namespace SecretVault.Cli;

/// <summary>One vaultcli command (for example <c>operator unseal</c>): its words, help and behaviour.</summary>
public interface ICommand
{
    /// <summary>The words that select it, for example <c>operator unseal</c>.</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Synopsis { get; }

    /// <summary>Usage and flags, shown by <c>-help</c>.</summary>
    string Help { get; }

    /// <summary>Flags that take no value.</summary>
    IReadOnlySet<string> BooleanFlags { get; }

    /// <summary>Flags that take a value; any flag not declared here, in <see cref="BooleanFlags"/> or common is refused.</summary>
    IReadOnlySet<string> ValueFlags { get; }

    /// <summary>Runs the command; returns the exit code (0 success, 1 local error, 2 API error or "sealed" for status).</summary>
    Task<int> RunAsync(CommandContext context, CancellationToken ct);
}
