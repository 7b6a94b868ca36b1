using System.Globalization;
using Router.Generator.Model;
using static Router.Generator.Emitting.GeneratedNames;

namespace Router.Generator.Emitting;

/// <summary>Emits the route table (<c>Routes</c>, one <c>RouteDescriptor</c> per route) and the router's JSON options.</summary>
internal static class RouteTableEmitter
{
    internal static void EmitRouteTable(CodeWriter w, RouterModel model)
    {
        w.Open("private static readonly global::Router.RouteDescriptor[] __routeTable =");
        foreach (var route in model.Routes)
        {
            var chain = string.Join(", ", route.Pipeline.Select(i => CodeWriter.Literal(model.Middleware[i].DisplayName)));
            var methods = route.Methods.Count == 0 ? "" : $" {{ Methods = {MethodsArray(route)} }}";
            w.Line($"new global::Router.RouteDescriptor({CodeWriter.Literal(route.Path)}, {CodeWriter.Literal(route.HandlerDisplay)}, "
                + $"new string[] {{ {chain} }}, {TypeLiteral(model, route.RequestTypeIndex)}, {TypeLiteral(model, route.ResponseTypeIndex)}){methods},");
        }

        w.Close(";");
        w.Line();
        w.Line("/// <summary>The route table: each route with its handler, middleware chain (outermost first), request and response types; ordered by path.</summary>");
        w.Line($"public static {GlobalRouteList} Routes => __routeTable;");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line($"{GlobalRouteList} global::Router.IRouteDispatcher.Routes => __routeTable;");
        w.Line();
        w.Line("/// <inheritdoc />");
        var options = model.JsonContext is null ? "null" : model.JsonContext + ".Default.Options";
        w.Line($"global::System.Text.Json.JsonSerializerOptions? global::Router.IRouteDispatcher.JsonOptions => {options};");
    }

    internal static string MethodsArray(RouteModel route) => $"new string[] {{ {string.Join(", ", route.Methods.Select(CodeWriter.Literal))} }}";

    internal static string TypeLiteral(RouterModel model, int index)
        => index < 0 ? "null" : CodeWriter.Literal(model.JsonTypes[index].Replace("global::", ""));
}
