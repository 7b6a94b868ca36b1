using System.CommandLine;
using Router.Runtime.Hosting;

namespace Router.Runtime.Commands;

/// <summary><c>routes</c>: the route table, each route with its methods, handler and middleware chain (outermost first).</summary>
internal static class RoutesCommand
{
    public static Command Create(HostContext host)
    {
        var routes = new Command("routes", "Prints the route table: each route, its handler and its middleware chain.");
        routes.SetAction(_ =>
        {
            Write(host.Router, host.Output);
            return FunctionHost.ExitSuccess;
        });
        return routes;
    }

    private static void Write(IRouteDispatcher router, TextWriter output)
    {
        var table = router.Routes;
        static string Methods(RouteDescriptor route) => route.Methods.Count == 0 ? "any" : string.Join(",", route.Methods);
        var routeWidth = Math.Max("ROUTE".Length, table.Count == 0 ? 0 : table.Max(r => r.Path.Length));
        var methodsWidth = Math.Max("METHODS".Length, table.Count == 0 ? 0 : table.Max(r => Methods(r).Length));
        var handlerWidth = Math.Max("HANDLER".Length, table.Count == 0 ? 0 : table.Max(r => r.Handler.Length));
        output.WriteLine($"{"ROUTE".PadRight(routeWidth)}  {"METHODS".PadRight(methodsWidth)}  {"HANDLER".PadRight(handlerWidth)}  MIDDLEWARE (outermost first)");
        foreach (var route in table)
        {
            var chain = route.Middleware.Count == 0 ? "-" : string.Join(" -> ", route.Middleware);
            output.WriteLine($"{route.Path.PadRight(routeWidth)}  {Methods(route).PadRight(methodsWidth)}  {route.Handler.PadRight(handlerWidth)}  {chain}");
        }

        output.WriteLine($"{table.Count} route(s)");
    }
}
