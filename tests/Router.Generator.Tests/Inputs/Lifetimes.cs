using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using Router;

namespace Lifetimes;

public sealed class Counter
{
    public int Next() => 1;
}

public sealed record Count(int Value);

// A hand-written stand-in for the System.Text.Json source generator's output, so the
// generated router compiles here without that generator.
[JsonSerializable(typeof(Count))]
public sealed class LifetimesJson() : JsonSerializerContext(null)
{
    public static LifetimesJson Default { get; } = new();

    protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

    public override JsonTypeInfo? GetTypeInfo(Type type) => null;
}

[GeneratedRouter(JsonContext = typeof(LifetimesJson))]
public sealed partial class LifetimesRouter;

// Takes nothing: created once per router.
public sealed class Stateless
{
    [Route("stateless")]
    public Count Get() => new(0);
}

// Takes a service: created per invocation from the invocation's services.
public sealed class Scoped(Counter counter)
{
    [Route("scoped")]
    public Count Get() => new(counter.Next());
}

// Disposable and per invocation: disposed when its call completes.
public sealed class Disposing(Counter counter) : IDisposable
{
    [Route("disposing/value")]
    public Count Value() => new(counter.Next());

    [Route("disposing/task")]
    public Task<Count> ValueLater() => Task.FromResult(new Count(counter.Next()));

    public void Dispose()
    {
    }
}

// Asynchronously disposable and per invocation: DisposeAsync awaited after its call.
public sealed class DisposingAsync(Counter counter) : IAsyncDisposable, IDisposable
{
    [Route("disposingAsync/void")]
    public void Nothing() => counter.Next();

    [Route("disposingAsync/valueTask")]
    public ValueTask Later() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose()
    {
    }
}

// Disposable, per invocation, and awaited: disposed after the task completes.
public sealed class DisposingLater(Counter counter) : IDisposable
{
    [Route("disposingLater/task")]
    public Task Later() => Task.FromResult(counter.Next());

    public void Dispose()
    {
    }
}
