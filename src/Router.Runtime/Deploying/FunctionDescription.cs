using System.Globalization;
using System.Text;

namespace Router.Runtime.Deploying;

/// <summary>
/// What every deployment description says of a function, taken from its generated route table and its
/// declared settings (<see cref="FunctionHostOptions.Settings"/>): its name, each route with the HTTP
/// methods it takes, each setting, and the deploy-time choices of the <c>manifest</c> command.
/// </summary>
internal sealed class FunctionDescription
{
    /// <summary>Every method an HTTP trigger can take, for a route that takes any method (no <c>Methods</c> on its <c>[Route]</c>).</summary>
    public static readonly IReadOnlyList<string> AllMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public required string Name { get; init; }

    public required IReadOnlyList<DescribedRoute> Routes { get; init; }

    public required IReadOnlyList<FunctionSetting> Settings { get; init; }

    /// <summary>The code package, relative to the description's folder.</summary>
    public string CodePath { get; init; } = "function.zip";

    /// <summary><c>x86_64</c> or <c>arm64</c>.</summary>
    public string Architecture { get; init; } = "x86_64";

    public int MemoryMegabytes { get; init; } = 512;

    public int TimeoutSeconds { get; init; } = 30;

    /// <summary>The region, where the description names one (FC and SCF); <see langword="null"/> for the tool's default.</summary>
    public string? Region { get; init; }

    /// <summary>Every method some route takes, in <see cref="AllMethods"/> order.</summary>
    public IReadOnlyList<string> UnionOfMethods
        => AllMethods.Where(method => Routes.Any(route => route.TakesAnyMethod || route.Methods.Contains(method, StringComparer.Ordinal))).ToArray();

    /// <summary>The function's name as the platforms take it: lower case letters, digits and dashes, a letter first (<c>ShopFunction</c> becomes <c>shop-function</c>).</summary>
    public static string PlatformName(string name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterUpper(c) && i > 0 && (char.IsAsciiLetterLower(name[i - 1]) || char.IsAsciiDigit(name[i - 1])))
            {
                text.Append('-');
            }

            text.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        var result = text.ToString().Trim('-');
        return result.Length > 0 && char.IsAsciiLetter(result[0]) ? result : "function-" + result;
    }

    /// <summary>A CloudFormation logical id or parameter name: letters and digits only, each word capitalized (<c>SHOP_SQLITE_PATH</c> becomes <c>ShopSqlitePath</c>, <c>pay/makeOrder</c> <c>PayMakeOrder</c>).</summary>
    public static string LogicalId(string text)
    {
        var result = new StringBuilder();
        var upper = true;
        // SHOP_SQLITE_PATH's words are upper case throughout: lower their later letters; pay/makeOrder keeps its own.
        var allCaps = !text.Any(char.IsAsciiLetterLower);
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            result.Append(upper ? char.ToUpperInvariant(c) : allCaps ? char.ToLowerInvariant(c) : c);
            upper = false;
        }

        return result.ToString();
    }

    /// <summary>The header comment every description starts with.</summary>
    public IEnumerable<string> Header(string command, string tool)
    {
        yield return $"{tool} description of {Name}, written by `{command}` from its route table";
        yield return $"({Routes.Count.ToString(CultureInfo.InvariantCulture)} routes) and its declared settings. Write it again after a route changes; secrets are";
        yield return "taken from the deployer's environment when it deploys, never written here (docs/hosting.md, \"Deploying\").";
    }
}

/// <summary>A route and the HTTP methods it takes; none means every method.</summary>
internal sealed record DescribedRoute(string Path, IReadOnlyList<string> Methods)
{
    public bool TakesAnyMethod => Methods.Count == 0;
}
