using System.Text.Json;
using SecretVault.Sdk.Framework;
using SecretVault.Sdk.Logical;

namespace SecretVault.Plugins.Transit.Paths;

/// <summary>
/// Runs an operation once for the request body, or once per <c>batch_input</c> element. In a batch a bad item
/// becomes <c>{"error": ...}</c> in <c>batch_results</c> (in input order, with its <c>reference</c>); the
/// response is 400 when every item failed and <c>partial_failure_response_code</c> (400 unless given) when some did.
/// </summary>
internal static class Batch
{
    public const string InputField = "batch_input";

    public static FieldSchema InputSchema => new(FieldType.Raw, "A list of items, each with the single-item fields; results come back in batch_results in the same order.");

    public static FieldSchema PartialFailureSchema => new(FieldType.Int, "The status code when some but not all batch items fail (400 by default).");

    public static Task<LogicalResponse> RunAsync(LogicalRequest request, FieldData data, Func<BatchItem, Dictionary<string, object?>> operation) =>
        RunAsync(request, data, item => ValueTask.FromResult(operation(item)));

    public static async Task<LogicalResponse> RunAsync(LogicalRequest request, FieldData data, Func<BatchItem, ValueTask<Dictionary<string, object?>>> operation)
    {
        var items = Items(data);
        if (items is null)
        {
            return LogicalResponse.WithData(await operation(new BatchItem(request.Data)).ConfigureAwait(false));
        }

        var results = new List<Dictionary<string, object?>>(items.Count);
        var failures = 0;
        foreach (var item in items)
        {
            Dictionary<string, object?> result;
            try
            {
                result = await operation(item).ConfigureAwait(false);
            }
            catch (LogicalException ex) when (ex.StatusCode == 400)
            {
                failures++;
                result = new Dictionary<string, object?>(StringComparer.Ordinal) { ["error"] = ex.Message };
            }

            if (item.Reference is { } reference)
            {
                result["reference"] = reference;
            }

            results.Add(result);
        }

        int? status = failures == 0 ? null : failures == items.Count ? 400 : PartialFailureStatus(data);
        return new LogicalResponse
        {
            Data = new Dictionary<string, object?>(StringComparer.Ordinal) { ["batch_results"] = results },
            StatusCode = status,
        };
    }

    /// <summary>The batch items, or null when the request has no <c>batch_input</c>.</summary>
    public static IReadOnlyList<BatchItem>? Items(FieldData data)
    {
        if (data.GetRaw(InputField) is not { } raw)
        {
            return null;
        }

        if (raw.ValueKind != JsonValueKind.Array || raw.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Object))
        {
            throw LogicalException.BadRequest("failed to parse batch input: expected a list of objects");
        }

        var items = raw.EnumerateArray()
            .Select(e => new BatchItem(e.EnumerateObject().GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal)))
            .ToList();
        return items.Count > 0 ? items : throw LogicalException.BadRequest("missing batch input to process");
    }

    private static int PartialFailureStatus(FieldData data)
    {
        if (!data.Has("partial_failure_response_code"))
        {
            return 400;
        }

        var code = data.GetInt("partial_failure_response_code");
        return code is >= 200 and < 600 ? (int)code : 400;
    }
}
