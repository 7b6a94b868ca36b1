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

    /// <summary>
    /// The event of <paramref name="route"/> as an API Gateway HTTP API (payload 2.0) request would bring
    /// it: the route in <c>rawPath</c>, the other members as the JSON body; for timing the HTTP path.
    /// </summary>
    public static byte[] AsHttpApiEvent(string route)
    {
        var members = System.Text.Json.Nodes.JsonNode.Parse(For(route))!.AsObject();
        members.Remove("$url");
        var envelope = new System.Text.Json.Nodes.JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "$default",
            ["rawPath"] = "/" + route,
            ["rawQueryString"] = "",
            ["headers"] = new System.Text.Json.Nodes.JsonObject
            {
                ["content-type"] = "application/json",
                ["host"] = "xyz789.execute-api.ap-east-1.amazonaws.com",
                ["user-agent"] = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0.50",
            },
            ["requestContext"] = new System.Text.Json.Nodes.JsonObject
            {
                ["accountId"] = "111122223333",
                ["apiId"] = "xyz789",
                ["domainName"] = "xyz789.execute-api.ap-east-1.amazonaws.com",
                ["http"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["method"] = "POST",
                    ["path"] = "/" + route,
                    ["protocol"] = "HTTP/1.1",
                    ["sourceIp"] = "203.0.113.8",
                },
                ["requestId"] = "Q1w2E3r4T5y6U7i=",
                ["stage"] = "$default",
                ["timeEpoch"] = 1764547200000,
            },
            ["body"] = members.ToJsonString(),
            ["isBase64Encoded"] = false,
        };
        return System.Text.Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }
}
