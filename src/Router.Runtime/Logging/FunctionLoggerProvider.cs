using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Router.Runtime.Logging;

/// <summary>
/// Writes log lines the way each platform's managed runtimes do (<see cref="FunctionLogFormat"/>), to a
/// writer that every platform collects (standard error by default), each line with the request id of the
/// invocation it was written in, and the trace and span ids of the current activity (the invocation's span,
/// or one the handler started: docs/hosting.md, "Traces and metrics"). <see cref="FunctionLogging.CreateLoggerFactory"/>
/// picks the format and the level from the environment.
/// </summary>
public sealed class FunctionLoggerProvider : ILoggerProvider
{
    private static readonly string[] s_reserved = ["timestamp", "level", "requestId", "traceId", "spanId", "message", "errorType", "errorMessage", "stackTrace"];
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TextWriter _writer;

    /// <summary>Creates the provider.</summary>
    /// <param name="writer">Where lines go; written one whole line at a time, from any thread.</param>
    /// <param name="format">The line format.</param>
    /// <param name="minimumLevel">Lines below this level are not written.</param>
    public FunctionLoggerProvider(TextWriter writer, FunctionLogFormat format, LogLevel minimumLevel)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        Format = format;
        MinimumLevel = minimumLevel;
    }

    /// <summary>The line format.</summary>
    public FunctionLogFormat Format { get; }

    /// <summary>The lowest level written.</summary>
    public LogLevel MinimumLevel { get; }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <inheritdoc />
    public void Dispose() => _writer.Flush();

    private void Write<TState>(LogLevel level, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var invocation = InvocationLogContext.Current;
        var activity = Activity.Current;
        var message = formatter(state, exception);
        var timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var line = Format == FunctionLogFormat.Json
            ? JsonLine(timestamp, level, invocation, activity, message, state as IReadOnlyList<KeyValuePair<string, object?>>, exception)
            : TextLine(timestamp, level, invocation, activity, message, exception);
        lock (_writer)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    private static string TextLine(string timestamp, LogLevel level, InvocationInfo? invocation, Activity? activity, string message, Exception? exception)
    {
        var line = new StringBuilder(timestamp.Length + message.Length + 64)
            .Append(timestamp).Append('\t')
            .Append(invocation?.RequestId).Append('\t')
            .Append(Label(level)).Append('\t')
            .Append(message);
        if (activity is not null)
        {
            line.Append("\ttraceId=").Append(activity.TraceId.ToHexString()).Append(" spanId=").Append(activity.SpanId.ToHexString());
        }

        if (exception is not null)
        {
            line.Append('\n').Append(exception);
        }

        return line.ToString();
    }

    private static string JsonLine(string timestamp, LogLevel level, InvocationInfo? invocation, Activity? activity, string message, IReadOnlyList<KeyValuePair<string, object?>>? values, Exception? exception)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + message.Length);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp"u8, timestamp);
            writer.WriteString("level"u8, level.ToString());
            if (!string.IsNullOrEmpty(invocation?.RequestId))
            {
                writer.WriteString("requestId"u8, invocation.RequestId);
            }

            if (activity is not null)
            {
                // The W3C ids every OpenTelemetry back end joins logs to spans with.
                writer.WriteString("traceId"u8, activity.TraceId.ToHexString());
                writer.WriteString("spanId"u8, activity.SpanId.ToHexString());
            }
            else if (!string.IsNullOrEmpty(invocation?.TraceId))
            {
                writer.WriteString("traceId"u8, invocation.TraceId);
            }

            writer.WriteString("message"u8, message);
            foreach (var (name, value) in values ?? [])
            {
                if (name == "{OriginalFormat}" || Array.IndexOf(s_reserved, name) >= 0)
                {
                    continue;
                }

                writer.WritePropertyName(name);
                switch (value)
                {
                    case null:
                        writer.WriteNullValue();
                        break;
                    case bool flag:
                        writer.WriteBooleanValue(flag);
                        break;
                    case int or long or short or byte or uint or ulong or ushort or sbyte:
                        writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                        break;
                    case double or float or decimal:
                        writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                        break;
                    default:
                        writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                        break;
                }
            }

            if (exception is not null)
            {
                writer.WriteString("errorType"u8, exception.GetType().FullName);
                writer.WriteString("errorMessage"u8, exception.Message);
                writer.WriteStartArray("stackTrace"u8);
                foreach (var frame in exception.ToString().Split('\n'))
                {
                    writer.WriteStringValue(frame.TrimEnd('\r').Trim());
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The labels the Lambda managed runtime's text format uses, those of the console logger.</summary>
    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => level.ToString(),
    };

    private sealed class Logger(FunctionLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, state, exception, formatter);
            }
        }
    }
}
