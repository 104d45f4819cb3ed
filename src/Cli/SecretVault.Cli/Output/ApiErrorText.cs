using System.Text;
using SecretVault.Client;

namespace SecretVault.Cli.Output;

/// <summary>The vault CLI's rendering of a failed API request.</summary>
public static class ApiErrorText
{
    public static string Format(string doing, VaultApiException error)
    {
        var text = new StringBuilder()
            .Append("Error ").Append(doing).AppendLine(": Error making API request.")
            .AppendLine()
            .Append("URL: ").Append(error.Method).Append(' ').AppendLine(error.Url?.ToString())
            .Append("Code: ").Append(error.StatusCode).Append(". Errors:").AppendLine()
            .AppendLine();
        foreach (var message in error.Errors)
        {
            text.Append("* ").AppendLine(message);
        }

        return text.ToString().TrimEnd();
    }
}
