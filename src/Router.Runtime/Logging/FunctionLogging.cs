using Microsoft.Extensions.Logging;

namespace Router.Runtime.Logging;

/// <summary>
/// The function's logging as each platform's managed runtimes write it: on AWS Lambda,
/// <c>AWS_LAMBDA_LOG_FORMAT</c> (<c>JSON</c> or <c>Text</c>) and <c>AWS_LAMBDA_LOG_LEVEL</c> (<c>TRACE</c> to
/// <c>FATAL</c>) decide; on Tencent SCF, Alibaba FC and locally, text lines with the request id. The host uses
/// it when neither <see cref="FunctionInvokerOptions.LoggerFactory"/> nor the services give a logger factory.
/// </summary>
public static class FunctionLogging
{
    /// <summary>A logger factory for the platform <paramref name="environment"/> names, writing to <paramref name="writer"/>.</summary>
    /// <param name="environment">Reads an environment variable; the process environment by default.</param>
    /// <param name="writer">Where lines go; standard error by default (standard output stays the body's for <c>invoke</c>).</param>
    public static ILoggerFactory CreateLoggerFactory(Func<string, string?>? environment = null, TextWriter? writer = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return new SingleProviderLoggerFactory(new FunctionLoggerProvider(writer ?? Console.Error, FormatOf(environment), LevelOf(environment)));
    }

    /// <summary>Whether <paramref name="factory"/> is one of <see cref="CreateLoggerFactory"/>'s, whose lines carry the request id without a logging scope.</summary>
    internal static bool IsOwn(ILoggerFactory factory) => factory is SingleProviderLoggerFactory;

    /// <summary>JSON only on Lambda when <c>AWS_LAMBDA_LOG_FORMAT</c> says so; text everywhere else.</summary>
    internal static FunctionLogFormat FormatOf(Func<string, string?> environment)
        => !string.IsNullOrEmpty(environment(Hosting.PlatformVariables.LambdaRuntimeApi)) && string.Equals(environment(Hosting.PlatformVariables.LambdaLogFormat), "JSON", StringComparison.OrdinalIgnoreCase)
            ? FunctionLogFormat.Json
            : FunctionLogFormat.Text;

    /// <summary>Lambda's <c>AWS_LAMBDA_LOG_LEVEL</c> names; <c>Information</c> when unset or unknown.</summary>
    internal static LogLevel LevelOf(Func<string, string?> environment) => environment(Hosting.PlatformVariables.LambdaLogLevel)?.ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "WARN" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "FATAL" => LogLevel.Critical,
        _ => LogLevel.Information,
    };

    /// <summary>A factory over one provider; providers added later write too.</summary>
    private sealed class SingleProviderLoggerFactory(ILoggerProvider provider) : ILoggerFactory
    {
        private readonly List<ILoggerProvider> _providers = [provider];

        public void AddProvider(ILoggerProvider provider)
        {
            lock (_providers)
            {
                _providers.Add(provider);
            }
        }

        public ILogger CreateLogger(string categoryName)
        {
            lock (_providers)
            {
                return _providers.Count == 1 ? _providers[0].CreateLogger(categoryName) : new Composite([.. _providers.Select(p => p.CreateLogger(categoryName))]);
            }
        }

        public void Dispose()
        {
            lock (_providers)
            {
                foreach (var provider in _providers)
                {
                    provider.Dispose();
                }
            }
        }

        private sealed class Composite(ILogger[] loggers) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => loggers.Any(l => l.IsEnabled(logLevel));

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                foreach (var logger in loggers)
                {
                    logger.Log(logLevel, eventId, state, exception, formatter);
                }
            }
        }
    }
}
