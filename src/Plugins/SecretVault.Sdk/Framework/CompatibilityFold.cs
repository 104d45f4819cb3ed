using System.Text;

namespace SecretVault.Sdk.Framework;

/// <summary>
/// NFKC when the runtime has the Unicode tables; the server runs with InvariantGlobalization, where
/// string.Normalize changes nothing, so the compatibility characters that NFKC maps onto ASCII letters
/// are folded here as well.
/// </summary>
internal static class CompatibilityFold
{
    /// <summary><paramref name="name"/> in NFKC with the compatibility letters and digits folded onto ASCII.</summary>
    public static string ToAscii(string name)
    {
        var text = name;
        try
        {
            text = name.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Unpaired surrogates: fold the text as it is.
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var folded = FoldRune(rune.Value);
            if (folded is { } ascii)
            {
                builder.Append(ascii);
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    private static char? FoldRune(int cp) => cp switch
    {
        0x3000 => ' ',
        >= 0xFF01 and <= 0xFF5E => (char)(cp - 0xFEE0),
        >= 0x1D400 and <= 0x1D6A3 => Letter((cp - 0x1D400) % 52),
        >= 0x1D7CE and <= 0x1D7FF => (char)('0' + ((cp - 0x1D7CE) % 10)),
        >= 0x24B6 and <= 0x24E9 => Letter(cp - 0x24B6),
        >= 0x1F130 and <= 0x1F149 => (char)('A' + (cp - 0x1F130)),
        >= 0x2080 and <= 0x2089 => (char)('0' + (cp - 0x2080)),
        _ => CompatibilityLetters.TryGetValue(cp, out var letter) ? letter : null,
    };

    private static char Letter(int index) => index < 26 ? (char)('A' + index) : (char)('a' + index - 26);

    // Single compatibility characters whose NFKC form is one ASCII letter or digit: super- and subscript
    // letters, modifier letters, letterlike symbols. Pairs of (character, ASCII).
    private static readonly Dictionary<int, char> CompatibilityLetters = BuildPairs(
        "ªaºo¹1²2³3ʰhʲjʳrʷwʸyˡlˢsˣxᴬAᴮBᴰDᴱEᴳGᴴHᴵIᴶJᴷKᴸLᴹMᴺNᴼOᴾPᴿRᵀTᵁUᵂWᵃaᵇbᵈdᵉeᵍgᵏkᵐmᵒoᵖpᵗtᵘuᵛvᵢiᵣrᵤuᵥvᶜcᶠfᶻz"
        + "⁰0ⁱi⁴4⁵5⁶6⁷7⁸8⁹9ⁿnₐaₑeₒoₓxₕhₖkₗlₘmₙnₚpₛsₜt"
        + "ℂCℊgℋHℌHℍHℎhℐIℑIℒLℓlℕNℙPℚQℛRℜRℝRℤZKKℬBℭCℯeℰEℱFℳMℴoℹiⅅDⅆdⅇeⅈiⅉj");

    private static Dictionary<int, char> BuildPairs(string pairs)
    {
        var map = new Dictionary<int, char>();
        for (var i = 0; i + 1 < pairs.Length; i += 2)
        {
            map[pairs[i]] = pairs[i + 1];
        }

        return map;
    }
}
