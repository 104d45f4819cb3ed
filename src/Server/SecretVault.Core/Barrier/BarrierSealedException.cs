namespace SecretVault.Core.Barrier;

/// <summary>Thrown by a storage call on a sealed barrier.</summary>
public sealed class BarrierSealedException : InvalidOperationException
{
    public BarrierSealedException() : base("Vault is sealed")
    {
    }

    public BarrierSealedException(string message) : base(message)
    {
    }

    public BarrierSealedException(string message, Exception inner) : base(message, inner)
    {
    }
}
