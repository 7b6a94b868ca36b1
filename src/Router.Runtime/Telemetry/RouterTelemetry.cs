namespace Router.Runtime;

/// <summary>
/// The names a listener subscribes to: every invocation is one <see cref="System.Diagnostics.ActivityKind.Server"/>
/// activity of the <see cref="System.Diagnostics.ActivitySource"/> named <see cref="ActivitySourceName"/>, and is
/// measured by the instruments of the <see cref="System.Diagnostics.Metrics.Meter"/> named <see cref="MeterName"/>
/// (docs/hosting.md, "Traces and metrics"). With the OpenTelemetry SDK:
/// <c>.AddSource(RouterTelemetry.ActivitySourceName)</c> and <c>.AddMeter(RouterTelemetry.MeterName)</c>.
/// </summary>
/// <remarks>
/// With no listener, nothing is created or measured: an invocation asks the source and the instruments
/// whether anyone listens (a field read each) and goes on, as the .NET libraries' own instrumentation does.
/// </remarks>
public static class RouterTelemetry
{
    /// <summary>The activity source's name: <c>Router</c>.</summary>
    public const string ActivitySourceName = "Router";

    /// <summary>The meter's name: <c>Router</c>.</summary>
    public const string MeterName = "Router";

    /// <summary>The histogram of invocation durations, in seconds (OpenTelemetry's FaaS metric <c>faas.invoke_duration</c>).</summary>
    public const string InvokeDurationInstrument = "faas.invoke_duration";

    /// <summary>The counter of invocations (<c>faas.invocations</c>).</summary>
    public const string InvocationsInstrument = "faas.invocations";

    /// <summary>The counter of failed invocations, tagged with <c>error.type</c> (<c>faas.errors</c>).</summary>
    public const string ErrorsInstrument = "faas.errors";

    /// <summary>The counter of cold starts, an instance's first invocation (<c>faas.coldstarts</c>).</summary>
    public const string ColdStartsInstrument = "faas.coldstarts";

    /// <summary>
    /// The tag that carries the route (<c>pay/makeOrder</c>) on the activity and on every measurement. OpenTelemetry
    /// has no FaaS attribute for one function's operations, so it is in the library's own namespace; HTTP
    /// events carry it as <c>http.route</c> too.
    /// </summary>
    public const string RouteTag = "router.route";
}
