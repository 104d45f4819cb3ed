// The cheapest possible HTTP answer on this machine: Kestrel writing fixed bytes. The benchmark compares
// the server's endpoints with it to separate the cost of our code from the cost of HTTP itself.
var body = await File.ReadAllBytesAsync(args[0]);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(args[1]);
var app = builder.Build();
app.MapGet("/v1/sys/health", (HttpContext context) =>
{
    context.Response.ContentType = "application/json";
    return context.Response.Body.WriteAsync(body).AsTask();
});
await app.RunAsync();
