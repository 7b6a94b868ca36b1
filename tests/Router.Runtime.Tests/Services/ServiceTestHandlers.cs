using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Router.Runtime.Tests.Hosting;

namespace Router.Runtime.Tests.Services;

/// <summary>
/// A singleton that sees every scoped <see cref="ScopeProbe"/> and <see cref="ScopedHandlers"/> instance
/// created, which middleware saw which probe, and which were disposed.
/// </summary>
public sealed class ScopeLedger
{
    public ConcurrentDictionary<Guid, bool> Probes { get; } = new();

    public ConcurrentDictionary<Guid, bool> Handlers { get; } = new();

    /// <summary>Handler id to the probe the handler took in its constructor.</summary>
    public ConcurrentDictionary<Guid, Guid> HandlerProbe { get; } = new();

    /// <summary>Probe ids the middleware resolved from <c>context.Services</c>, by request id.</summary>
    public ConcurrentDictionary<string, Guid> MiddlewareProbe { get; } = new();

    /// <summary>The middleware instances that ran (one per router).</summary>
    public ConcurrentDictionary<Guid, bool> MiddlewareUsed { get; } = new();
}

/// <summary>A scoped service, disposed with its invocation's scope.</summary>
public sealed class ScopeProbe : IDisposable
{
    private readonly ScopeLedger _ledger;

    public ScopeProbe(ScopeLedger ledger)
    {
        _ledger = ledger;
        ledger.Probes[Id] = false;
    }

    public Guid Id { get; } = Guid.NewGuid();

    public void Dispose() => _ledger.Probes[Id] = true;
}

/// <summary>Every <see cref="InvocationInfo"/> the <c>test/invocation</c> route saw, for tests that must not print secrets.</summary>
public sealed class InvocationRecorder
{
    public ConcurrentQueue<InvocationInfo> Seen { get; } = new();

    public InvocationInfo Single(string requestId) => Seen.Single(i => i.RequestId == requestId);
}

/// <summary>A middleware, created once per router, that takes the invocation's scoped service through <c>context.Services</c>.</summary>
public sealed class ScopeCheck : IRouteMiddleware
{
    private readonly ScopeLedger _ledger;

    private readonly Guid _id = Guid.NewGuid();

    public ScopeCheck(ScopeLedger ledger) => _ledger = ledger;

    public ValueTask InvokeAsync(RouteContext context, RouteHandler next)
    {
        _ledger.MiddlewareUsed[_id] = true;
        _ledger.MiddlewareProbe[context.RequestId] = context.Services!.GetRequiredService<ScopeProbe>().Id;
        return next(context);
    }
}

/// <summary>A handler class created per invocation from the invocation's scope, and disposed after its call.</summary>
[Route("test")]
public sealed class ScopedHandlers : IAsyncDisposable
{
    private readonly ScopeProbe _probe;
    private readonly ScopeLedger _ledger;

    public ScopedHandlers(ScopeProbe probe, ScopeLedger ledger)
    {
        _probe = probe;
        _ledger = ledger;
        ledger.Handlers[Id] = false;
        ledger.HandlerProbe[Id] = probe.Id;
    }

    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>Waits <c>ms</c> (so concurrent invocations overlap), then answers "probe-id handler-id".</summary>
    [Route("scoped")]
    [UseMiddleware<ScopeCheck>]
    public async Task<TestReply> Scoped(TestRequest request, CancellationToken cancellationToken)
    {
        await Task.Delay(request.Ms, cancellationToken);
        return new TestReply($"{_probe.Id} {Id}");
    }

    public ValueTask DisposeAsync()
    {
        _ledger.Handlers[Id] = true;
        return ValueTask.CompletedTask;
    }
}

/// <summary>Routes that read the invocation and write logs.</summary>
[Route("test")]
public sealed partial class InvocationHandlers(InvocationRecorder recorder, ILogger<InvocationHandlers> logger)
{
    /// <summary>Records the invocation and answers its request id (never its credentials).</summary>
    [Route("invocation")]
    public TestReply Invocation(RouteContext context)
    {
        recorder.Seen.Enqueue(context.Invocation);
        return new TestReply(context.Invocation.RequestId);
    }

    /// <summary>Writes one line through <c>context.Logger</c>, one through <c>ILogger&lt;T&gt;</c> and one warning.</summary>
    [Route("log")]
    public async Task<TestReply> Log(RouteContext context)
    {
        HandlerLog.FromContext(context.Logger, context.Url);
        await Task.Yield();
        HandlerLog.FromInjected(logger, context.Url);
        HandlerLog.Warning(logger, context.Url);
        return new TestReply("logged");
    }

    private static partial class HandlerLog
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "context logger in {Route}")]
        public static partial void FromContext(ILogger logger, string route);

        [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "injected logger in {Route}")]
        public static partial void FromInjected(ILogger logger, string route);

        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "a warning in {Route}")]
        public static partial void Warning(ILogger logger, string route);
    }
}

/// <summary>The services the tests above run with: the standard container, validating scopes as ASP.NET Core does in development.</summary>
public static class TestServices
{
    public static ServiceProvider Create(Func<string, string?> environment, TextWriter log, out ScopeLedger ledger, out InvocationRecorder recorder)
    {
        ledger = new ScopeLedger();
        recorder = new InvocationRecorder();
        return new ServiceCollection()
            .AddSingleton(ledger)
            .AddSingleton(recorder)
            .AddScoped<ScopeProbe>()
            .AddFunctionLogging(environment, log)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
