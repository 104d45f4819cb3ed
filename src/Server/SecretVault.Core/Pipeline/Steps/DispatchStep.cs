using SecretVault.Core.Responses;

namespace SecretVault.Core.Pipeline.Steps;

/// <summary>Dispatch: the mount's backend handles the routed request; its answer becomes the envelope the steps above add to.</summary>
public sealed class DispatchStep : IRequestStep
{
    /// <inheritdoc />
    public async Task<ResponseEnvelope?> InvokeAsync(RequestContext context, RequestStepDelegate next, CancellationToken ct) =>
        ResponseEnvelope.Of(await context.RequiredMatch.Backend.HandleRequestAsync(context.RequiredRouted, ct).ConfigureAwait(false));
}
