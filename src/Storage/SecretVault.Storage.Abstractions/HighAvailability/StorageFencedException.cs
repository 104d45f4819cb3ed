namespace SecretVault.Storage.Abstractions.HighAvailability;

/// <summary>A write refused because another server holds the HA lock: this server is no longer (or not) the active one.</summary>
public sealed class StorageFencedException : IOException
{
    public StorageFencedException() : base("storage write refused: another server holds the active lock")
    {
    }

    public StorageFencedException(string message) : base(message)
    {
    }

    public StorageFencedException(string message, Exception inner) : base(message, inner)
    {
    }
}
