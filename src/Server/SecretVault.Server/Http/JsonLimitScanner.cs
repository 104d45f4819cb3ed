using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using SecretVault.Sdk.Logical;

namespace SecretVault.Server.Http;

/// <summary>
/// Checks a JSON body against <see cref="JsonLimits"/> as its bytes arrive, without building anything: depth,
/// string length, members per object, elements per array, and that every string is text (valid UTF-8, no lone
/// UTF-16 surrogate escape). Feed it the unscanned bytes again and again; it keeps the reader's state between calls.
/// </summary>
public sealed class JsonLimitScanner
{
    private readonly JsonLimits _limits;
    private readonly List<(bool IsArray, int Count)> _open = [];
    private JsonReaderState _state;

    public JsonLimitScanner(JsonLimits limits)
    {
        _limits = limits;

        // One level above the limit, so that the check below, with Vault's message, is the one that fires.
        _state = new JsonReaderState(new JsonReaderOptions { MaxDepth = limits.EffectiveDepth + 1 });
    }

    /// <summary>
    /// Scans the complete tokens at the start of <paramref name="pending"/> and returns how many bytes they
    /// took; the rest (an unfinished token) must be passed again with more bytes. A body over a limit, or not
    /// JSON, throws a 400 <see cref="LogicalException"/>.
    /// </summary>
    public int Scan(ReadOnlySpan<byte> pending, bool isFinalBlock)
    {
        var reader = new Utf8JsonReader(pending, isFinalBlock, _state);
        try
        {
            while (reader.Read())
            {
                Check(ref reader);
            }
        }
        catch (JsonException)
        {
            // The parser's message can quote the input, which may be a secret: say only that it failed.
            throw LogicalException.BadRequest("failed to parse JSON input: the body is not valid JSON");
        }

        _state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    private void Check(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                CountElement();
                if (reader.CurrentDepth >= _limits.EffectiveDepth)
                {
                    throw LogicalException.BadRequest("JSON input exceeds allowed nesting depth");
                }

                _open.Add((reader.TokenType == JsonTokenType.StartArray, 0));
                break;
            case JsonTokenType.EndObject or JsonTokenType.EndArray:
                _open.RemoveAt(_open.Count - 1);
                break;
            case JsonTokenType.PropertyName:
                CheckString(ref reader);
                var (isArray, count) = _open[^1];
                if (count + 1 > _limits.MaxObjectEntryCount)
                {
                    throw LogicalException.BadRequest("JSON object exceeds allowed entry count");
                }

                _open[^1] = (isArray, count + 1);
                break;
            case JsonTokenType.String:
                CheckString(ref reader);
                CountElement();
                break;
            default:
                CountElement();
                break;
        }
    }

    private void CountElement()
    {
        if (_open.Count == 0 || !_open[^1].IsArray)
        {
            return;
        }

        var count = _open[^1].Count + 1;
        if (count > _limits.MaxArrayElementCount)
        {
            throw LogicalException.BadRequest("JSON array exceeds allowed element count");
        }

        _open[^1] = (true, count);
    }

    // The limit counts the string's bytes after unescaping, as Vault does. Unescaping is also what finds an
    // escaped lone surrogate, which no .NET string or later GetString() can take (it was a 500 in the backends).
    private void CheckString(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            CheckText(raw);
            return;
        }

        var unescaped = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            int length;
            try
            {
                length = reader.CopyString(unescaped);
            }
            catch (InvalidOperationException)
            {
                throw LogicalException.BadRequest("failed to parse JSON input: a string holds an invalid \\u escape (a lone UTF-16 surrogate)");
            }

            CheckText(unescaped.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(unescaped, clearArray: true);
        }
    }

    private void CheckText(ReadOnlySpan<byte> text)
    {
        if (text.Length > _limits.MaxStringValueLength)
        {
            throw LogicalException.BadRequest("JSON string value exceeds allowed length");
        }

        if (!Utf8.IsValid(text))
        {
            throw LogicalException.BadRequest("failed to parse JSON input: a string is not valid UTF-8");
        }
    }
}
