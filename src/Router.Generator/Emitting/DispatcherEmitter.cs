using System.Globalization;
using Router.Generator.Model;
using static Router.Generator.Emitting.GeneratedNames;

namespace Router.Generator.Emitting;

/// <summary>Emits <c>DispatchAsync</c>: a <c>switch</c> over the route for up to <see cref="MaxStringSwitchRoutes"/> routes, a compile-time hash table above, and the fallback of a table with errors.</summary>
internal static class DispatcherEmitter
{
    /// <summary>Whether the router's dispatcher is the hash table: more than <see cref="MaxStringSwitchRoutes"/> routes, and a table without errors.</summary>
    internal static bool UsesLookupTable(RouterModel model) => model.Routes.Count > MaxStringSwitchRoutes && !model.IsFallback;

    internal static void EmitDispatcher(CodeWriter w, RouterModel model, MemberNames names)
    {
        if (UsesLookupTable(model))
        {
            EmitLookupDispatcher(w, model, names);
            return;
        }

        w.Line("/// <inheritdoc />");
        w.Open($"public {GlobalValueTask} DispatchAsync({GlobalRouteContext} context)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(context);");
        if (model.IsFallback)
        {
            w.Line($"return {GlobalValueTask}.FromException(new global::System.InvalidOperationException(\"The route table of {model.Name} has errors (see the RTR diagnostics of the build), so no route was generated.\"));");
            w.Close();
            return;
        }

        w.Open("switch (context.Url)");
        for (var i = 0; i < model.Routes.Count; i++)
        {
            var route = model.Routes[i];
            w.Line($"case {CodeWriter.Literal(route.Path)}:");
            if (route.Methods.Count > 0)
            {
                // An HTTP request with another method is refused before any middleware runs.
                var allowed = route.Methods.Count == 1
                    ? CodeWriter.Literal(route.Methods[0])
                    : "(" + string.Join(" or ", route.Methods.Select(CodeWriter.Literal)) + ")";
                w.Line($"    if (context.Http is {{ }} http{N(i)} && http{N(i)}.Method is not {allowed})");
                w.Line($"        return {GlobalValueTask}.FromException(new global::Router.MethodNotAllowedException({CodeWriter.Literal(route.Path)}, http{N(i)}.Method, __routeTable[{N(i)}].Methods));");
            }

            w.Line($"    return {names.Entry(i)}(context);");
        }

        w.Line("default:");
        w.Line($"    return {GlobalValueTask}.FromException(new global::Router.RouteNotFoundException(context.Url));");
        w.Close();
        w.Close();
    }

    /// <summary>
    /// Above this many routes the dispatcher reads a hash table instead of a string <c>switch</c>, whose
    /// cost grows with its case count (figures: docs/performance.md, "Dispatch against route count").
    /// </summary>
    public const int MaxStringSwitchRoutes = 64;

    /// <summary>
    /// The route's hash (<see cref="global::Router.RouteHash.OfUtf16"/>, shared with the runtime): what the
    /// emitted <c>__RouteHash</c> computes at run time, computed here for the lookup table.
    /// </summary>
    public static uint RouteHash(string route) => global::Router.RouteHash.OfUtf16(route);

    internal static void EmitLookupDispatcher(CodeWriter w, RouterModel model, MemberNames names)
    {
        var count = model.Routes.Count;
        var hashes = model.Routes.Select(r => RouteHash(r.Path)).ToList();

        // Open addressing with linear probing, at most half full: a lookup reads one or two buckets.
        var size = 1;
        while (size < count * 2)
        {
            size <<= 1;
        }

        var buckets = new int[size];
        for (var i = 0; i < count; i++)
        {
            var slot = (int)(hashes[i] & (uint)(size - 1));
            while (buckets[slot] != 0)
            {
                slot = (slot + 1) & (size - 1);
            }

            buckets[slot] = i + 1;
        }

        w.Line("// The lookup table, apart from the route table so that the first dispatch does not build every RouteDescriptor.");
        w.Open("private static class __Lookup");
        w.Line($"// A hash table of {N(size)} buckets (a power of two, at most half full, linear probing): route index + 1, or 0 for empty.");
        w.Open("internal static readonly int[] Buckets =");
        foreach (var chunk in Chunks(buckets.Select(N), 32))
        {
            w.Line(chunk + ",");
        }

        w.Close(";");
        w.Line("// Each route's __RouteHash, in route-table order.");
        w.Open("internal static readonly uint[] Hashes =");
        foreach (var chunk in Chunks(hashes.Select(h => $"0x{h:X8}u"), 8))
        {
            w.Line(chunk + ",");
        }

        w.Close(";");
        w.Line("// The routes, in route-table order.");
        w.Open("internal static readonly string[] Paths =");
        foreach (var route in model.Routes)
        {
            w.Line(CodeWriter.Literal(route.Path) + ",");
        }

        w.Close(";");
        if (model.Routes.Any(r => r.Methods.Count > 0))
        {
            w.Line("// The HTTP methods each route takes, or null for every method, in route-table order.");
            w.Open("internal static readonly string[]?[] Methods =");
            foreach (var route in model.Routes)
            {
                w.Line((route.Methods.Count == 0 ? "null" : RouteTableEmitter.MethodsArray(route)) + ",");
            }

            w.Close(";");
        }
        w.Close();
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Open($"public {GlobalValueTask} DispatchAsync({GlobalRouteContext} context)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(context);");
        w.Line("var url = context.Url;");
        w.Line("var hash = __RouteHash(url);");
        w.Line("var buckets = __Lookup.Buckets;");
        w.Line("var mask = buckets.Length - 1;");
        w.Open("for (var slot = (int)(hash & (uint)mask); buckets[slot] != 0; slot = (slot + 1) & mask)");
        w.Line("var route = buckets[slot] - 1;");
        w.Open("if (__Lookup.Hashes[route] == hash && url == __Lookup.Paths[route])");
        if (model.Routes.Any(r => r.Methods.Count > 0))
        {
            // An HTTP request with another method is refused before any middleware runs.
            w.Line("if (context.Http is { } http && __Lookup.Methods[route] is { } methods && global::System.Array.IndexOf(methods, http.Method) < 0)");
            w.Line($"    return {GlobalValueTask}.FromException(new global::Router.MethodNotAllowedException(url, http.Method, methods));");
        }

        w.Line("return (__entries[route] ??= __Entry(route))(context);");
        w.Close();
        w.Close();
        w.Line();
        w.Line($"return {GlobalValueTask}.FromException(new global::Router.RouteNotFoundException(url));");
        w.Close();
        w.Line();
        w.Line("// 32-bit FNV-1a over the route's UTF-16 code units; the generator computed the table's hashes the same way.");
        w.Open("private static uint __RouteHash(string route)");
        var offsetBasis = global::Router.RouteHash.OffsetBasis.ToString(CultureInfo.InvariantCulture);
        var prime = global::Router.RouteHash.Prime.ToString(CultureInfo.InvariantCulture);
        w.Line($"var hash = {offsetBasis}u;");
        w.Open("foreach (var c in route)");
        w.Line($"hash = unchecked((hash ^ c) * {prime}u);");
        w.Close();
        w.Line("return hash;");
        w.Close();
        w.Line();
        // Not a switch per dispatch: a method with thousands of cases is too large for the JIT to optimize
        // (it compiles it with minimal optimization), which made every dispatch of a 10,000-route table
        // 80x slower than of a 10-route one. The switch runs once per route; dispatch calls the delegate.
        w.Line("// Each route's pipeline entry, made a delegate on the route's first dispatch, by its index in the route table.");
        w.Line($"private readonly {GlobalRouteHandler}?[] __entries = new {GlobalRouteHandler}?[{N(count)}];");
        w.Line();
        w.Open($"private {GlobalRouteHandler} __Entry(int route)");
        w.Open("switch (route)");
        for (var i = 0; i < count; i++)
        {
            w.Line($"case {N(i)}: return {names.Entry(i)}; // {model.Routes[i].Path}");
        }

        w.Line("default: throw new global::System.ArgumentOutOfRangeException(nameof(route));");
        w.Close();
        w.Close();
    }

    internal static IEnumerable<string> Chunks(IEnumerable<string> items, int size)
        => items.Select((item, i) => (item, i)).GroupBy(x => x.i / size).Select(g => string.Join(", ", g.Select(x => x.item)));
}
