using SecretVault.Storage.Abstractions;
using SecretVault.Storage.Abstractions.InMemory;
using SecretVault.Testing.Storage;

namespace SecretVault.Storage.Abstractions.Tests.InMemory;

public sealed class InMemoryBackendTests : PhysicalBackendConformance
{
    protected override IPhysicalBackend CreateBackend() => new InMemoryBackend();

    [Fact]
    public async Task Get_ReturnsACopy_CallerCannotAliasStoredBytes()
    {
        var backend = new InMemoryBackend();
        var value = new byte[] { 1, 2, 3 };
        await backend.PutAsync("k", value);
        value[0] = 9;
        var read = (await backend.GetAsync("k"))!;
        read[1] = 9;
        Assert.Equal(new byte[] { 1, 2, 3 }, await backend.GetAsync("k"));
    }
}
