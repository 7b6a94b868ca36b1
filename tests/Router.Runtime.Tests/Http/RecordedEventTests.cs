using System.Text.Json;
using Router.Runtime.Tests.Hosting;
using ShopFunction;

namespace Router.Runtime.Tests.Http;

/// <summary>
/// The HTTP events the platforms' own repositories recorded (API Gateway REST and HTTP APIs, function
/// URLs, load balancers, SCF's API Gateway, FC's HTTP trigger), read in place from
/// <c>../shared/events/real/</c> where that folder exists: each gets a well-formed response in its
/// platform's shape through <c>invoke</c> and through the Lambda and SCF hosts. Their paths name no shop
/// route, so the answer is 404, or 400 where the body cannot be read (plain text sent as JSON, a body
/// that says it is base64 and is not). The one event that is no HTTP event (an SCF timer) is a direct
/// event without <c>$url</c>, and goes to the error channel as <c>MissingRoute</c>.
/// </summary>
public sealed class RecordedEventTests
{
    private static readonly string? s_folder = FindFolder();

    public static IEnumerable<string> Files => s_folder is null ? [] : Directory.EnumerateFiles(s_folder, "*.json").Order(StringComparer.Ordinal);

    [Fact]
    public async Task EveryRecordedHttpEvent_GetsAWellFormedResponse_ThroughInvoke()
    {
        if (s_folder is null)
        {
            return; // the folder is not part of the repository; CI has it
        }

        Assert.True(Files.Count() >= 18, $"{Files.Count()} events in {s_folder}");
        foreach (var file in Files)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            await using var services = Events.NewShopServices(error);
            var options = new FunctionHostOptions { Services = services, Initialize = services.InitializeShopAsync, Output = output, Error = error };

            var exitCode = await FunctionHost.RunAsync(new ShopFunction.ShopRouter(), ["invoke", "@" + file], options);

            Assert.Equal(FunctionHost.ExitInvocationFailed, exitCode);
            if (IsTimer(file))
            {
                Assert.StartsWith("MissingRoute: ", error.ToString(), StringComparison.Ordinal);
                Assert.Equal("", output.ToString());
                continue;
            }

            AssertResponse(file, output.ToString().Trim());
        }
    }

    [Theory]
    [InlineData(RuntimeApiKind.AwsLambda)]
    [InlineData(RuntimeApiKind.TencentScf)]
    public async Task EveryRecordedHttpEvent_IsPostedAsTheResponse_NeverToTheErrorEndpoint(RuntimeApiKind kind)
    {
        if (s_folder is null)
        {
            return;
        }

        await using var api = new FakeRuntimeApi(kind);
        await using var host = InProcessHost.Start(api.Environment);
        foreach (var file in Files)
        {
            api.Enqueue(File.ReadAllBytes(file));
            var result = await api.NextResultAsync();

            if (IsTimer(file))
            {
                Assert.EndsWith("/error", result.Path, StringComparison.Ordinal);
                continue;
            }

            Assert.True(result.Path.EndsWith("/response", StringComparison.Ordinal), $"{Path.GetFileName(file)} was posted to {result.Path}");
            AssertResponse(file, result.Text);
        }

        Assert.Equal(0, await host.StopAsync());
    }

    private static bool IsTimer(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file).AsMemory().TrimBom());
        return document.RootElement.TryGetProperty("Type", out var type) && type.GetString() == "Timer";
    }

    /// <summary>The response object of the event's platform, with the error body and the status its cause gets.</summary>
    private static void AssertResponse(string file, string text)
    {
        var name = Path.GetFileName(file);
        using var @event = JsonDocument.Parse(File.ReadAllBytes(file).AsMemory().TrimBom());
        using var document = JsonDocument.Parse(text);
        var root = @event.RootElement;
        var response = document.RootElement;

        var status = response.GetProperty("statusCode").GetInt32();
        Assert.True(status is 400 or 404, $"{name}: status {status}");
        var keys = response.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("body", keys);
        Assert.Contains("isBase64Encoded", keys);
        var context = root.GetProperty("requestContext");
        if (context.TryGetProperty("elb", out _))
        {
            Assert.Equal(status == 404 ? "404 Not Found" : "400 Bad Request", response.GetProperty("statusDescription").GetString());
            // The header mode of the request is mirrored.
            Assert.Contains(root.TryGetProperty("multiValueHeaders", out _) ? "multiValueHeaders" : "headers", keys);
        }
        else if (root.TryGetProperty("version", out var version) && version.GetString() == "2.0")
        {
            Assert.Contains("cookies", keys);
            Assert.Contains("headers", keys);
        }
        else if (root.TryGetProperty("resource", out _))
        {
            Assert.Contains("multiValueHeaders", keys);
        }
        else
        {
            Assert.Equal(["statusCode", "headers", "isBase64Encoded", "body"], response.EnumerateObject().Select(p => p.Name));
        }

        Assert.False(response.GetProperty("isBase64Encoded").GetBoolean());
        using var error = JsonDocument.Parse(response.GetProperty("body").GetString()!);
        var errorType = error.RootElement.GetProperty("errorType").GetString();
        Assert.Equal(status == 404 ? ErrorTypes.RouteNotFound : ErrorTypes.InvalidEvent, errorType);
        Assert.False(string.IsNullOrWhiteSpace(error.RootElement.GetProperty("errorMessage").GetString()), name);
        Assert.False(error.RootElement.TryGetProperty("stackTrace", out _), name);
    }

    private static string? FindFolder()
    {
        if (Environment.GetEnvironmentVariable("ROUTER_RECORDED_EVENTS") is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? configured : null;
        }

        return RepositoryFolders.Shared("events", "real");
    }
}

internal static class BomExtensions
{
    public static ReadOnlyMemory<byte> TrimBom(this ReadOnlyMemory<byte> bytes)
        => bytes.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;

    public static ReadOnlyMemory<byte> TrimBom(this Memory<byte> bytes) => ((ReadOnlyMemory<byte>)bytes).TrimBom();
}
