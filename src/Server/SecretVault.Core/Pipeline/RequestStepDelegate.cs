using SecretVault.Core.Responses;

namespace SecretVault.Core.Pipeline;

/// <summary>The rest of the pipeline after a step.</summary>
public delegate Task<ResponseEnvelope?> RequestStepDelegate(RequestContext context, CancellationToken ct);
