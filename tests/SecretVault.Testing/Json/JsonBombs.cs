namespace SecretVault.Testing.Json;

/// <summary>JSON bodies that are small on the wire and large once parsed (CVE-2025-6203).</summary>
public static class JsonBombs
{
    /// <summary><c>[0,0,...,0]</c> with <paramref name="elements"/> elements: two bytes each.</summary>
    public static byte[] ZeroArray(int elements)
    {
        var body = new byte[(2 * elements) + 1];
        body[0] = (byte)'[';
        for (var i = 1; i < body.Length; i += 2)
        {
            body[i] = (byte)'0';
            body[i + 1] = (byte)',';
        }

        body[^1] = (byte)']';
        return body;
    }
}
