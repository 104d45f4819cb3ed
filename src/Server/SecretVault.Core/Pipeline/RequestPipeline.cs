using SecretVault.Core.Responses;

namespace SecretVault.Core.Pipeline;

/// <summary>The steps in their registration order, chained once at construction; each request runs through the chain.</summary>
public sealed class RequestPipeline
{
    private readonly RequestStepDelegate _first;

    public RequestPipeline(IEnumerable<IRequestStep> steps)
    {
        RequestStepDelegate next = static (context, _) =>
            throw new InvalidOperationException($"the pipeline ended without an answer for \"{context.Request.Path}\"");
        foreach (var step in steps.Reverse())
        {
            var after = next;
            next = (context, ct) => step.InvokeAsync(context, after, ct);
        }

        _first = next;
    }

    /// <summary>Runs <paramref name="context"/> through every step.</summary>
    public Task<ResponseEnvelope?> RunAsync(RequestContext context, CancellationToken ct) => _first(context, ct);
}
