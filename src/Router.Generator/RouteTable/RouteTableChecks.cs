using Router.Generator.Diagnostics;
using Router.Generator.Model;
using Router.Generator.Parsing;

namespace Router.Generator.RouteTable;

/// <summary>The checks <see cref="RouteTableBuilder"/> makes over the whole table: duplicate routes, letter case, patterns that match nothing, ambiguous middleware order.</summary>
internal static class RouteTableChecks
{
    /// <summary>RTR001: every claimant of a route is reported at its own <c>[Route]</c>; a claimant from a referenced library has no source, so the router stands in for it once.</summary>
    internal static void CheckDuplicates(List<(RouteTemplateSpec Route, HandlerSpec Handler)> entries, RouterSpec router, List<DiagnosticInfo> diagnostics)
    {
        foreach (var group in entries.GroupBy(e => e.Route.Path, StringComparer.Ordinal))
        {
            var claimants = group.ToList();
            if (claimants.Count < 2)
            {
                continue;
            }

            for (var i = 0; i < claimants.Count; i++)
            {
                var other = claimants[i == 0 ? 1 : 0];
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.DuplicateRoute, claimants[i].Route.Location ?? router.Location, group.Key,
                    RouteTableBuilder.HandlerName(claimants[i].Handler), RouteTableBuilder.HandlerName(other.Handler)));
            }
        }
    }

    /// <summary>RTR003: routes that are equal when letter case is ignored, reported at each that has a source location.</summary>
    internal static void CheckLetterCase(List<(RouteTemplateSpec Route, HandlerSpec Handler)> entries, RouterSpec router, List<DiagnosticInfo> diagnostics)
    {
        foreach (var group in entries.GroupBy(e => e.Route.Path, StringComparer.OrdinalIgnoreCase))
        {
            var distinct = group.GroupBy(e => e.Route.Path, StringComparer.Ordinal).Select(g => g.First()).ToList();
            if (distinct.Count < 2)
            {
                continue;
            }

            for (var i = 0; i < distinct.Count; i++)
            {
                var other = distinct[i == 0 ? 1 : 0];
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.RoutesDifferByCase, distinct[i].Route.Location ?? router.Location,
                    distinct[i].Route.Path, RouteTableBuilder.HandlerName(distinct[i].Handler), other.Route.Path, RouteTableBuilder.HandlerName(other.Handler)));
            }
        }
    }

    /// <summary>RTR009: a route-scoped pattern that matches none of the routes.</summary>
    internal static void CheckPatternsMatch(List<MiddlewareSpec> scoped, List<(RouteTemplateSpec Route, HandlerSpec Handler)> entries, List<DiagnosticInfo> diagnostics)
    {
        foreach (var middleware in scoped)
        {
            foreach (var pattern in middleware.Patterns)
            {
                if (RouteText.ValidatePattern(pattern.Pattern) is null && !entries.Any(e => RouteText.Matches(pattern.Pattern, e.Route.Path)))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PatternMatchesNothing, pattern.Location, pattern.Pattern, middleware.Type.DisplayName));
                }
            }
        }
    }

    /// <summary>
    /// RTR010: in one tier of a route's chain (global, or route-scoped), two middlewares with the same
    /// Order from different files. Each pair is reported once, for the first route it applies to.
    /// </summary>
    internal static void CheckOrder(
        List<(MiddlewareRefSpec Type, MiddlewarePatternSpec Pattern)> tier,
        string route,
        HashSet<(string, string)> reported,
        List<DiagnosticInfo> diagnostics)
    {
        for (var i = 0; i < tier.Count; i++)
        {
            for (var j = i + 1; j < tier.Count && tier[j].Pattern.Order == tier[i].Pattern.Order; j++)
            {
                var (a, b) = (tier[i], tier[j]); // already in run order: a runs first
                if (a.Pattern.Location?.FilePath == b.Pattern.Location?.FilePath || !reported.Add((a.Type.TypeName, b.Type.TypeName)))
                {
                    continue;
                }

                foreach (var location in new[] { a.Pattern.Location, b.Pattern.Location })
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.AmbiguousMiddlewareOrder, location,
                        a.Type.DisplayName, b.Type.DisplayName, a.Pattern.Order.ToString(System.Globalization.CultureInfo.InvariantCulture), route));
                }
            }
        }
    }
}
