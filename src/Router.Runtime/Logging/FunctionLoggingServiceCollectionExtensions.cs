using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Router.Runtime.Logging;

// In the container's namespace, as Microsoft.Extensions' own Add* methods are, so that it needs no using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the function's platform-aware logging (<see cref="FunctionLogging"/>) in a service collection.</summary>
public static class FunctionLoggingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the function's platform-aware logging in <paramref name="services"/>: <see cref="ILoggerFactory"/>
    /// (<see cref="FunctionLogging.CreateLoggerFactory"/>) and <c>ILogger&lt;T&gt;</c>, so handlers and middleware take loggers in
    /// their constructors, and the host writes its own lines through the same factory.
    /// </summary>
    /// <param name="services">The collection; a logger factory already in it is kept (<c>TryAdd</c>).</param>
    /// <param name="environment">Reads an environment variable (<c>AWS_LAMBDA_LOG_FORMAT</c>, <c>AWS_LAMBDA_LOG_LEVEL</c>); the process environment by default.</param>
    /// <param name="writer">Where lines go; standard error by default.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddFunctionLogging(this IServiceCollection services, Func<string, string?>? environment = null, TextWriter? writer = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ILoggerFactory>(_ => FunctionLogging.CreateLoggerFactory(environment, writer));
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(Logger<>)));
        return services;
    }
}
