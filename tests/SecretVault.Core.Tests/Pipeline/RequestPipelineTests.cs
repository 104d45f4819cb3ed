using SecretVault.Core.Audit;
using SecretVault.Core.Pipeline;
using SecretVault.Core.Pipeline.Steps;
using SecretVault.Core.Responses;
using SecretVault.Sdk.Logical;

namespace SecretVault.Core.Tests.Pipeline;

public sealed class RequestPipelineTests
{
    private static RequestContext Context(string path = "secret/a") =>
        new() { Request = new LogicalRequest { Id = "req", Operation = Operation.Read, Path = path } };

    [Fact]
    public async Task RunAsync_PassesStepsInRegistrationOrder_AndAnswersBackInReverse()
    {
        var log = new List<string>();
        var pipeline = new RequestPipeline([new RecordingStep("a", log), new RecordingStep("b", log), new AnsweringStep(log)]);

        var answer = await pipeline.RunAsync(Context(), CancellationToken.None);

        Assert.Equal(["a in", "b in", "answer", "b out", "a out"], log);
        Assert.Equal("answered", answer!.Warnings.Single());
    }

    [Fact]
    public async Task RunAsync_WhenNoStepAnswers_Throws()
    {
        var pipeline = new RequestPipeline([new StandbyGateStep()]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.RunAsync(Context(), CancellationToken.None));
    }

    [Fact]
    public async Task AuditStep_WhenRequestCannotBeRecorded_NeverRunsTheRest()
    {
        var log = new List<string>();
        var pipeline = new RequestPipeline([new AuditStep(new FailingBroker()), new AnsweringStep(log)]);

        await Assert.ThrowsAsync<IOException>(() => pipeline.RunAsync(Context(), CancellationToken.None));
        Assert.Empty(log);
    }

    [Fact]
    public async Task AuditStep_RecordsTheErrorARequestEndedWith()
    {
        var broker = new RecordingBroker();
        var pipeline = new RequestPipeline([new AuditStep(broker), new ThrowingStep()]);

        var error = await Assert.ThrowsAsync<LogicalException>(() => pipeline.RunAsync(Context(), CancellationToken.None));

        Assert.Equal(["request secret/a", "error 403"], broker.Log);
        Assert.Equal(403, error.StatusCode);
    }

    private sealed class RecordingStep(string name, List<string> log) : IRequestStep
    {
        public async Task<ResponseEnvelope?> InvokeAsync(RequestContext context, RequestStepDelegate next, CancellationToken ct)
        {
            log.Add(name + " in");
            var answer = await next(context, ct);
            log.Add(name + " out");
            return answer;
        }
    }

    private sealed class AnsweringStep(List<string> log) : IRequestStep
    {
        public Task<ResponseEnvelope?> InvokeAsync(RequestContext context, RequestStepDelegate next, CancellationToken ct)
        {
            log.Add("answer");
            return Task.FromResult(ResponseEnvelope.Of(LogicalResponse.Warning("answered")));
        }
    }

    private sealed class ThrowingStep : IRequestStep
    {
        public Task<ResponseEnvelope?> InvokeAsync(RequestContext context, RequestStepDelegate next, CancellationToken ct) =>
            throw LogicalException.PermissionDenied();
    }

    private sealed class FailingBroker : IAuditBroker
    {
        public Task LogRequestAsync(RequestContext context, CancellationToken ct) => throw new IOException("no audit device could record the request");

        public Task LogResponseAsync(RequestContext context, ResponseEnvelope? response, Exception? error, CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class RecordingBroker : IAuditBroker
    {
        public List<string> Log { get; } = [];

        public Task LogRequestAsync(RequestContext context, CancellationToken ct)
        {
            Log.Add("request " + context.Request.Path);
            return Task.CompletedTask;
        }

        public Task LogResponseAsync(RequestContext context, ResponseEnvelope? response, Exception? error, CancellationToken ct)
        {
            Log.Add(error is LogicalException failure ? $"error {failure.StatusCode}" : "response");
            return Task.CompletedTask;
        }
    }
}
