using SecretVault.Sdk.Storage;
using SecretVault.Storage.Abstractions;

namespace SecretVault.Sdk.Tests.Storage;

public sealed class StorageNamesTests
{
    [Fact]
    public void MaxSegmentBytes_IsTheStorageAbstractionsLimit()
    {
        Assert.Equal(StorageKey.MaxSegmentBytes, StorageNames.MaxSegmentBytes);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(250, true)]
    [InlineData(251, false)]
    public void FitsOneSegment_Ascii_CountsCharacters(int length, bool fits)
    {
        Assert.Equal(fits, StorageNames.FitsOneSegment(new string('a', length)));
    }

    [Fact]
    public void FitsOneSegment_CountsUtf8Bytes_NotCharacters()
    {
        // 126 two-byte characters are 252 bytes: too long for a file name, though only 126 characters.
        Assert.False(StorageNames.FitsOneSegment(new string('é', 126)));
        Assert.True(StorageNames.FitsOneSegment(new string('é', 125)));
    }
}
