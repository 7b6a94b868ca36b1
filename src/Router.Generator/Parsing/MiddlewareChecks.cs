using Router.Generator.Diagnostics;
using Router.Generator.Model;

namespace Router.Generator.Parsing;

/// <summary>The checks of a type used as middleware, by <c>[Middleware]</c> or <c>[UseMiddleware]</c>.</summary>
internal static class MiddlewareChecks
{
    /// <summary>Adds RTR006, RTR005 or RTR013 for <paramref name="type"/>, the first that applies.</summary>
    public static void Check(MiddlewareRefSpec type, List<DiagnosticInfo> diagnostics)
    {
        if (!type.ImplementsMiddleware)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAMiddleware, type.Location, type.DisplayName));
        }
        else if (type.AccessProblem is { } access)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAccessible, type.Location, "Middleware " + type.DisplayName, access));
        }
        else if (type.Constructor.Problem is { } problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CannotConstruct, type.Location, type.DisplayName, problem));
        }
    }
}
