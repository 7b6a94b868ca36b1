using System.Globalization;

namespace Router.Generator.Emitting;

/// <summary>The fully qualified names the emitted code uses, and the one number format, shared by the emitters.</summary>
internal static class GeneratedNames
{
    internal const string GlobalRouteContext = "global::Router.RouteContext";
    internal const string GlobalRouteHandler = "global::Router.RouteHandler";
    internal const string GlobalPipeline = "global::Router.RoutePipeline";
    internal const string GlobalValueTask = "global::System.Threading.Tasks.ValueTask";
    internal const string GlobalServiceProvider = "global::System.IServiceProvider";
    internal const string GlobalRouteList = "global::System.Collections.Generic.IReadOnlyList<global::Router.RouteDescriptor>";

    internal static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
