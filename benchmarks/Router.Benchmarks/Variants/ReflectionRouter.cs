using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Router.Benchmarks.Variants;

/// <summary>
/// The baseline "what people write by hand": a router in the style most C# ports of tcb-router take.
/// At start-up it finds <see cref="RouteAttribute"/> methods and <see cref="MiddlewareAttribute"/>
/// classes by reflection; per request it looks the route up, builds the list of middleware whose
/// pattern matches, composes it koa-style with closures, binds parameters with reflection-based
/// System.Text.Json and calls the handler through <see cref="MethodBase.Invoke(object, object[])"/>.
/// It runs the same handler and middleware classes as the generated router.
/// </summary>
public sealed class ReflectionRouter : IRouteDispatcher
{
    private readonly Dictionary<string, RouteEntry> _routes = new(StringComparer.Ordinal);
    private readonly List<MiddlewareEntry> _middleware = [];
    private readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    /// <summary>Scans <paramref name="assembly"/> for routes and middleware, as such routers do at start-up.</summary>
    public ReflectionRouter(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes())
        {
            if (type.GetCustomAttribute<MiddlewareAttribute>() is { } middleware && typeof(IRouteMiddleware).IsAssignableFrom(type))
            {
                _middleware.Add(new MiddlewareEntry(middleware.Pattern, middleware.Order, (IRouteMiddleware)Activator.CreateInstance(type)!));
            }

            var prefix = type.GetCustomAttribute<RouteAttribute>()?.Template;
            object? instance = null;
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<RouteAttribute>() is not { } route)
                {
                    continue;
                }

                instance ??= method.IsStatic ? null : Activator.CreateInstance(type);
                var path = prefix is null ? route.Template : prefix + "/" + route.Template;
                _routes.Add(path, new RouteEntry(method, method.IsStatic ? null : instance, method.GetParameters()));
            }
        }

        _middleware.Sort((a, b) => (a.Pattern == "*") != (b.Pattern == "*")
            ? (a.Pattern == "*" ? -1 : 1)
            : a.Order.CompareTo(b.Order));
    }

    /// <inheritdoc />
    public IReadOnlyList<RouteDescriptor> Routes => [.. _routes.Keys.Order(StringComparer.Ordinal).Select(path => new RouteDescriptor(path, _routes[path].Method.Name, [], null, null))];

    /// <inheritdoc />
    public JsonSerializerOptions? JsonOptions => _json;

    /// <inheritdoc />
    public ValueTask DispatchAsync(RouteContext context)
    {
        if (!_routes.TryGetValue(context.Url, out var route))
        {
            return ValueTask.FromException(new RouteNotFoundException(context.Url));
        }

        var chain = new List<Func<RouteContext, Func<Task>, Task>>();
        foreach (var middleware in _middleware)
        {
            if (Matches(middleware.Pattern, context.Url))
            {
                chain.Add((ctx, next) => middleware.Instance.InvokeAsync(ctx, _ => new ValueTask(next())).AsTask());
            }
        }

        chain.Add((ctx, _) => InvokeHandlerAsync(route, ctx));
        return new ValueTask(Compose(chain, context));
    }

    // koa-compose: each step gets a next() that runs the following one, at most once.
    private static Task Compose(List<Func<RouteContext, Func<Task>, Task>> chain, RouteContext context)
    {
        var index = -1;
        Task Dispatch(int i)
        {
            if (i <= index)
            {
                return Task.FromException(new InvalidOperationException("next() called multiple times"));
            }

            index = i;
            return i == chain.Count ? Task.CompletedTask : chain[i](context, () => Dispatch(i + 1));
        }

        return Dispatch(0);
    }

    private async Task InvokeHandlerAsync(RouteEntry route, RouteContext context)
    {
        var args = new object?[route.Parameters.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var type = route.Parameters[i].ParameterType;
            args[i] = type == typeof(RouteContext) ? context
                : type == typeof(CancellationToken) ? context.CancellationToken
                : JsonSerializer.Deserialize(context.RawEvent.Span, type, _json);
        }

        var result = route.Method.Invoke(route.Target, args);
        if (result is Task task)
        {
            await task.ConfigureAwait(false);
            result = task.GetType().GetProperty("Result")?.GetValue(task);
        }

        if (route.Method.ReturnType != typeof(void))
        {
            context.Body = result;
        }
    }

    private static bool Matches(string pattern, string url) => pattern == "*"
        || pattern == url
        || (pattern.EndsWith("/*", StringComparison.Ordinal) && url.StartsWith(pattern[..^1], StringComparison.Ordinal));

    private sealed record RouteEntry(MethodInfo Method, object? Target, ParameterInfo[] Parameters);

    private sealed record MiddlewareEntry(string Pattern, int Order, IRouteMiddleware Instance);
}
