var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://0.0.0.0:{args[0]}");
var app = builder.Build();
var answered = new TaskCompletionSource();
app.MapPost("/invoke", async context =>
{
    context.Response.ContentType = "application/json";
    await context.Response.Body.WriteAsync("""{"code":0}"""u8.ToArray());
    answered.TrySetResult();
});
await app.StartAsync();
await answered.Task;
await app.StopAsync();
