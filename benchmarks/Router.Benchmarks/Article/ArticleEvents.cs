namespace Router.Benchmarks.Article;

/// <summary>The article's four events, as bytes (benchmarks/events, embedded in this assembly).</summary>
public static class ArticleEvents
{
    /// <summary>The routes in the order the tables list them.</summary>
    public static readonly string[] Routes = ["user/register", "user/login", "pay/makeOrder", "pay/pay"];

    /// <summary>The event of <paramref name="route"/>, from <c>benchmarks/events/{route with / as -}.json</c>.</summary>
    /// <exception cref="ArgumentException">There is no such event.</exception>
    public static byte[] For(string route)
    {
        var name = "events/" + route.Replace('/', '-') + ".json";
        using var stream = typeof(ArticleEvents).Assembly.GetManifestResourceStream(name)
            ?? throw new ArgumentException($"No embedded event '{name}'.", nameof(route));
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
