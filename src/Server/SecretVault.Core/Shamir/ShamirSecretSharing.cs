using System.Security.Cryptography;

namespace SecretVault.Core.Shamir;

/// <summary>
/// Shamir's secret sharing over GF(2^8), byte by byte, in Vault's share format: the y-bytes
/// followed by one x-coordinate byte, so a share is one byte longer than the secret.
/// </summary>
public static class ShamirSecretSharing
{
    /// <summary>Splits <paramref name="secret"/> into <paramref name="parts"/> shares, any <paramref name="threshold"/> of which rebuild it.</summary>
    public static IReadOnlyList<byte[]> Split(ReadOnlySpan<byte> secret, int parts, int threshold)
    {
        if (parts < threshold)
        {
            throw new ShamirException("parts cannot be less than threshold");
        }

        if (parts > 255)
        {
            throw new ShamirException("parts cannot exceed 255");
        }

        if (threshold < 2)
        {
            throw new ShamirException("threshold must be at least 2");
        }

        if (secret.IsEmpty)
        {
            throw new ShamirException("cannot split an empty secret");
        }

        // Distinct, non-zero x-coordinates in random order: x = 0 would be the secret itself.
        Span<byte> xs = stackalloc byte[255];
        for (var i = 0; i < 255; i++)
        {
            xs[i] = (byte)(i + 1);
        }

        RandomNumberGenerator.Shuffle(xs);
        var shares = new byte[parts][];
        for (var p = 0; p < parts; p++)
        {
            shares[p] = new byte[secret.Length + 1];
            shares[p][secret.Length] = xs[p];
        }

        var coefficients = new byte[threshold];
        try
        {
            for (var i = 0; i < secret.Length; i++)
            {
                coefficients[0] = secret[i];
                RandomNumberGenerator.Fill(coefficients.AsSpan(1));
                for (var p = 0; p < parts; p++)
                {
                    shares[p][i] = Evaluate(coefficients, xs[p]);
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(coefficients);
        }

        return shares;
    }

    /// <summary>Rebuilds the secret from at least two shares of equal length with distinct x-coordinates.</summary>
    public static byte[] Combine(IReadOnlyList<byte[]> shares)
    {
        if (shares.Count < 2)
        {
            throw new ShamirException("less than two parts cannot be used to reconstruct the secret");
        }

        var length = shares[0].Length;
        if (length < 2)
        {
            throw new ShamirException("parts must be at least two bytes");
        }

        var xs = new byte[shares.Count];
        for (var i = 0; i < shares.Count; i++)
        {
            if (shares[i].Length != length)
            {
                throw new ShamirException("all parts must be the same length");
            }

            xs[i] = shares[i][length - 1];
            for (var j = 0; j < i; j++)
            {
                if (xs[j] == xs[i])
                {
                    throw new ShamirException("duplicate part detected");
                }
            }
        }

        // Lagrange basis at x = 0: in GF(2^8) subtraction is XOR, so (0 - xj) / (xi - xj) = xj / (xi ^ xj).
        var basis = new byte[shares.Count];
        for (var i = 0; i < shares.Count; i++)
        {
            byte value = 1;
            for (var j = 0; j < shares.Count; j++)
            {
                if (i != j)
                {
                    value = GaloisField.Multiply(value, GaloisField.Divide(xs[j], GaloisField.Add(xs[i], xs[j])));
                }
            }

            basis[i] = value;
        }

        var secret = new byte[length - 1];
        for (var b = 0; b < secret.Length; b++)
        {
            byte sum = 0;
            for (var i = 0; i < shares.Count; i++)
            {
                sum = GaloisField.Add(sum, GaloisField.Multiply(shares[i][b], basis[i]));
            }

            secret[b] = sum;
        }

        return secret;
    }

    private static byte Evaluate(ReadOnlySpan<byte> coefficients, byte x)
    {
        var result = coefficients[^1];
        for (var i = coefficients.Length - 2; i >= 0; i--)
        {
            result = GaloisField.Add(GaloisField.Multiply(result, x), coefficients[i]);
        }

        return result;
    }
}
