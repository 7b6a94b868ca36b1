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
            w.Line($"new global::Router.RouteDescriptor({CodeWriter.Literal(route.Path)}, {CodeWriter.Literal(route.HandlerDisplay)}, "
                + $"new string[] {{ {chain} }}, {TypeLiteral(model, route.RequestTypeIndex)}, {TypeLiteral(model, route.ResponseTypeIndex)}){Initializers(model, route)},");
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
        if (model.ValidatedTypes.Count > 0)
        {
            w.Line();
            w.Line("/// <inheritdoc />");
            w.Line("global::System.Collections.Generic.IReadOnlyList<global::Router.SchemaConstraint> global::Router.IRouteDispatcher.SchemaConstraints => __SchemaConstraints.All;");
            w.Line();
            w.Line("// What the validation attributes say in JSON Schema, for the OpenAPI document: a class of its own, made on first use.");
            w.Open("private static class __SchemaConstraints");
            w.Open("public static readonly global::Router.SchemaConstraint[] All =");
            foreach (var type in model.ValidatedTypes)
            {
                foreach (var member in type.Members.Where(m => m.Attributes.Count > 0))
                {
                    w.Line($"new global::Router.SchemaConstraint(typeof({type.TypeName}), {CodeWriter.Literal(member.Name)}, "
                        + $"{(member.JsonName is null ? "null" : CodeWriter.Literal(member.JsonName))}, {(member.IsRequired ? "true" : "false")}, {CodeWriter.Literal(member.SchemaKeywords)}),");
                }
            }

            w.Close(";");
            w.Close();
        }
    }

    /// <summary>The descriptor's optional members the route has: its methods, its types (as <c>typeof</c>, for the JSON context's metadata), its documentation.</summary>
    private static string Initializers(RouterModel model, RouteModel route)
    {
        var members = new List<string>();
        if (route.Methods.Count > 0)
        {
            members.Add($"Methods = {MethodsArray(route)}");
        }

        if (route.RequestTypeIndex >= 0)
        {
            members.Add($"RequestClrType = typeof({model.JsonTypes[route.RequestTypeIndex]})");
        }

        if (route.ResponseTypeIndex >= 0)
        {
            members.Add($"ResponseClrType = typeof({model.JsonTypes[route.ResponseTypeIndex]})");
        }

        if (route.Summary is { } summary)
        {
            members.Add($"Summary = {CodeWriter.Literal(summary)}");
        }

        if (route.Remarks is { } remarks)
        {
            members.Add($"Description = {CodeWriter.Literal(remarks)}");
        }

        if (route.Idempotency is not null)
        {
            members.Add("IsIdempotent = true");
        }

        return members.Count == 0 ? "" : $" {{ {string.Join(", ", members)} }}";
    }

    internal static string MethodsArray(RouteModel route) => $"new string[] {{ {string.Join(", ", route.Methods.Select(CodeWriter.Literal))} }}";

    internal static string TypeLiteral(RouterModel model, int index)
        => index < 0 ? "null" : CodeWriter.Literal(model.JsonTypes[index].Replace("global::", ""));
}
