using SecretVault.Cli;

return await CliApp.RunAsync(args, CliEnvironment.Console());
