using SecretVault.Cli.Commands;
using SecretVault.Cli.Commands.Auth;
using SecretVault.Cli.Commands.Generic;
using SecretVault.Cli.Commands.Kv;
using SecretVault.Cli.Commands.Operator;
using SecretVault.Cli.Commands.Policy;
using SecretVault.Cli.Commands.Secrets;
using SecretVault.Cli.Commands.Token;

namespace SecretVault.Cli;

/// <summary>The commands by their words; a new command is one new file plus one line here.</summary>
public sealed class CommandRegistry
{
    private readonly Dictionary<string, ICommand> _commands;

    public CommandRegistry(IEnumerable<ICommand> commands)
    {
        _commands = commands.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    public static CommandRegistry Default { get; } = new(
    [
        new StatusCommand(),
        new VersionCommand(),
        new InitCommand(),
        new UnsealCommand(),
        new SealCommand(),
        new RotateCommand(),
        new GenerateRootCommand(),
        new RekeyCommand(),
        new KeyStatusCommand(),
        new ReadCommand(),
        new WriteCommand(),
        new DeleteCommand(),
        new ListCommand(),
        new PathHelpCommand(),
        new PolicyListCommand(),
        new PolicyReadCommand(),
        new PolicyWriteCommand(),
        new PolicyDeleteCommand(),
        new PolicyFmtCommand(),
        new SecretsEnableCommand(),
        new SecretsDisableCommand(),
        new SecretsListCommand(),
        new SecretsTuneCommand(),
        new SecretsMoveCommand(),
        new AuthEnableCommand(),
        new AuthDisableCommand(),
        new AuthListCommand(),
        new AuthTuneCommand(),
        new LoginCommand(),
        new TokenCreateCommand(),
        new TokenLookupCommand(),
        new TokenRenewCommand(),
        new TokenRevokeCommand(),
        new TokenCapabilitiesCommand(),
        new Commands.Lease.LeaseLookupCommand(),
        new Commands.Lease.LeaseRenewCommand(),
        new Commands.Lease.LeaseRevokeCommand(),
        new Commands.Lease.UnwrapCommand(),
        new KvGetCommand(),
        new KvPutCommand(),
        new KvPatchCommand(),
        new KvDeleteCommand(),
        KvVersionsCommand.Undelete,
        KvVersionsCommand.Destroy,
        new KvListCommand(),
        new KvRollbackCommand(),
        new KvMetadataGetCommand(),
        KvMetadataWriteCommand.Put,
        KvMetadataWriteCommand.Patch,
        new KvMetadataDeleteCommand(),
        new KvEnableVersioningCommand(),
    ]);

    public IEnumerable<ICommand> Commands => _commands.Values.OrderBy(c => c.Name, StringComparer.Ordinal);

    /// <summary>The command named by the leading words of <paramref name="args"/> (longest match), and the rest.</summary>
    public (ICommand? Command, string[] Remaining) Find(string[] args)
    {
        for (var words = Math.Min(3, args.Length); words > 0; words--)
        {
            if (_commands.TryGetValue(string.Join(' ', args[..words]), out var command))
            {
                return (command, args[words..]);
            }
        }

        return (null, args);
    }
}
