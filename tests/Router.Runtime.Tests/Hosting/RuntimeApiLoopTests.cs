using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Router.Runtime.Hosting;

namespace Router.Runtime.Tests.Hosting;

/// <summary>
/// The Lambda/SCF pull loop on its own, with a runtime API client of the test's (no sockets): what it
/// posts for each event, how it reacts to the platform's statuses, and that it stops between events.
/// The transport is tested against loopback fake platforms (LambdaHostTests, ScfHostTests).
/// </summary>
public sealed class RuntimeApiLoopTests
{
    private static readonly RuntimeApiProtocol s_lambda = RuntimeApiProtocol.AwsLambda("127.0.0.1:9");

    private static Task<int> RunAsync(FakeClient client, CancellationToken stopping, Func<CancellationToken, ValueTask>? initialize = null)
        => new RuntimeApiHost(s_lambda, client, new FunctionInvoker(new HostTestRouter()), new Initializer(initialize), static () => default, NullLogger.Instance).RunAsync(stopping);

    [Fact]
    public async Task EachEvent_GetsItsResponseOrError_AndTheLoopStopsBetweenEvents()
    {
        using var stopping = new CancellationTokenSource();
        var client = new FakeClient(
            [
                Event("req-1", """{"$url":"test/echo","text":"one"}"""),
                Event("req-2", """{"$url":"test/nowhere"}"""),
            ],
            afterLast: stopping.Cancel);

        var exitCode = await RunAsync(client, stopping.Token);

        Assert.Equal(FunctionHost.ExitSuccess, exitCode);
        Assert.Equal(
            ["response req-1 {\"note\":\"one\"}", "error req-2 RouteNotFound"],
            client.Posts);
    }

    [Fact]
    public async Task A500OnAPost_EndsTheLoop_WithAPlatformError()
    {
        var client = new FakeClient([Event("req-1", """{"$url":"test/echo","text":"one"}"""), Event("req-2", """{"$url":"test/echo"}""")]) { PostStatus = 500 };

        var exitCode = await RunAsync(client, CancellationToken.None);

        Assert.Equal(FunctionHost.ExitPlatformError, exitCode);
        Assert.Single(client.Posts); // the second event is never asked for
    }

    [Theory]
    [InlineData(400)]
    [InlineData(413)]
    public async Task A400Or413OnAPost_IsLogged_AndTheLoopGoesOn(int status)
    {
        using var stopping = new CancellationTokenSource();
        var client = new FakeClient([Event("req-1", """{"$url":"test/echo"}"""), Event("req-2", """{"$url":"test/echo"}""")], afterLast: stopping.Cancel) { PostStatus = status };

        var exitCode = await RunAsync(client, stopping.Token);

        Assert.Equal(FunctionHost.ExitSuccess, exitCode);
        Assert.Equal(2, client.Posts.Count);
    }

    [Fact]
    public async Task AnEventWithoutARequestId_EndsTheLoop_WithAPlatformError()
    {
        var client = new FakeClient([Event("", """{"$url":"test/echo"}""")]);

        Assert.Equal(FunctionHost.ExitPlatformError, await RunAsync(client, CancellationToken.None));
        Assert.Empty(client.Posts);
    }

    [Fact]
    public async Task AFailedInitialization_PostsTheInitError_AndServesNoEvent()
    {
        var client = new FakeClient([Event("req-1", """{"$url":"test/echo"}""")]);

        var exitCode = await RunAsync(client, CancellationToken.None, _ => throw new InvalidOperationException("no database"));

        Assert.Equal(FunctionHost.ExitInitializationFailed, exitCode);
        Assert.Equal(["init-error InitializationError no database"], client.Posts);
    }

    private static RuntimeApiEvent Event(string requestId, string json)
        => new(200, new InvocationInfo(InvocationPlatforms.AwsLambda, requestId), Encoding.UTF8.GetBytes(json));

    /// <summary>Hands out its events in order, records every post, and waits for the stop after the last event.</summary>
    private sealed class FakeClient(IReadOnlyList<RuntimeApiEvent> events, Action? afterLast = null) : IRuntimeApiClient
    {
        private int _next;

        public List<string> Posts { get; } = [];

        public int PostStatus { get; init; } = 202;

        public async Task<RuntimeApiEvent> NextAsync(CancellationToken cancellationToken)
        {
            if (_next < events.Count)
            {
                return events[_next++];
            }

            afterLast?.Invoke();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }

        public Task<int> PostResponseAsync(string requestId, ReadOnlyMemory<byte> body)
        {
            Posts.Add($"response {requestId} {Encoding.UTF8.GetString(body.Span)}");
            return Task.FromResult(PostStatus);
        }

        public Task<int> PostErrorAsync(string requestId, string errorType, string errorMessage)
        {
            Posts.Add($"error {requestId} {errorType}");
            return Task.FromResult(PostStatus);
        }

        public Task<int?> PostInitErrorAsync(string errorType, string errorMessage)
        {
            Posts.Add($"init-error {errorType} {errorMessage}");
            return Task.FromResult<int?>(202);
        }

        public Task<int?> PostReadyAsync(CancellationToken cancellationToken) => Task.FromResult<int?>(null);

        public void Dispose()
        {
        }
    }
}
