using System.Text;
using System.Text.Json;
using Router.Runtime.Tests.Hosting;

namespace Router.Runtime.Tests.Http;

/// <summary>
/// HTTP events of every platform through <see cref="FunctionInvoker"/>: one request model, the route
/// rules, binding from body, form or query, each platform's response shape, and every bad input a 4xx
/// with its cause while the next request is still served.
/// </summary>
public sealed class HttpEventTests
{
    private static readonly FunctionInvoker s_invoker = new(new HostTestRouter(), null, new FunctionInvokerOptions { Log = TextWriter.Null });

    private static async Task<(InvocationResult Result, JsonElement Response, string Body)> InvokeAsync(byte[] @event, FunctionInvoker? invoker = null)
    {
        var result = await (invoker ?? s_invoker).InvokeAsync(@event);
        Assert.NotNull(result.HttpStatusCode);
        var response = HttpEventBuilder.Json(result.Body);
        Assert.Equal(result.HttpStatusCode, response.GetProperty("statusCode").GetInt32());
        var body = response.GetProperty("body").GetString()!;
        return (result, response, response.GetProperty("isBase64Encoded").GetBoolean() ? body : body);
    }

    private static async Task<JsonElement> EchoAsync(Shape shape, HttpCall call, string? stage = null, string? scfApiPath = null, FunctionInvoker? invoker = null)
    {
        var (result, _, body) = await InvokeAsync(HttpEventBuilder.Build(shape, call, stage, scfApiPath), invoker);
        Assert.True(result.IsSuccess, result.ErrorMessage);
        return HttpEventBuilder.Json(Encoding.UTF8.GetBytes(body));
    }

    private static readonly (string, string)[] s_requestHeaders =
    [
        ("Accept", "application/json"), ("X-Multi", "1"), ("X-Multi", "2"), ("Cookie", "sid=abc; theme=dark"),
    ];

    public static TheoryData<Shape, string, string, string> Shapes => new()
    {
        // shape, source, the values of ?a=1&a=2 as the route sees them, the values of the repeated X-Multi header
        { Shape.RestApi, "aws-apigateway-rest", "1|2", "1|2" },
        { Shape.HttpApi, "aws-apigateway-http", "1|2", "1,2" },
        { Shape.FunctionUrl, "aws-lambda-url", "1|2", "1,2" },
        { Shape.LoadBalancer, "aws-alb", "2", "2" },
        { Shape.LoadBalancerMultiValue, "aws-alb", "1|2", "1|2" },
        { Shape.ScfApiGateway, "tencent-apigateway", "1|2", "2" },
        { Shape.FcHttpTrigger, "alibaba-fc-http", "1,2", "1,2" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task EveryShape_GivesTheRouteOneRequest_MethodRouteQueryHeadersCookiesSourceIp(Shape shape, string source, string a, string multi)
    {
        var echo = await EchoAsync(shape, new HttpCall("GET", "/test/http", "a=1&a=2&b=x%20y&empty", s_requestHeaders));

        Assert.Equal("test/http", echo.GetProperty("route").GetString());
        Assert.Equal("GET", echo.GetProperty("method").GetString());
        Assert.Equal(source, echo.GetProperty("source").GetString());
        Assert.Equal(HttpEventBuilder.SourceIp, echo.GetProperty("sourceIp").GetString());
        var query = echo.GetProperty("query");
        Assert.Equal(a, string.Join("|", query.GetProperty("a").EnumerateArray().Select(v => v.GetString())));
        Assert.Equal("x y", query.GetProperty("b")[0].GetString());
        // Headers are case-insensitive; the platforms differ only in how they carry a repeated one.
        var headers = echo.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(multi, string.Join("|", headers["x-multi"].EnumerateArray().Select(v => v.GetString())));
        Assert.Equal("application/json", headers["ACCEPT"][0].GetString());
        var cookies = echo.GetProperty("cookies");
        Assert.Equal("abc", cookies.GetProperty("sid").GetString());
        Assert.Equal("dark", cookies.GetProperty("theme").GetString());
        // With no body, the route is bound from the query; $url never is.
        var bound = HttpEventBuilder.Json(Encoding.UTF8.GetBytes(echo.GetProperty("event").GetString()!));
        Assert.Equal("x y", bound.GetProperty("b").GetString());
        Assert.False(bound.TryGetProperty("$url", out _));
    }

    [Fact]
    public async Task ScfBareKey_IsAQueryKeyWithTheEmptyValue()
    {
        var echo = await EchoAsync(Shape.ScfApiGateway, new HttpCall("GET", "/test/http", "debug&x=1"));

        Assert.Equal("", echo.GetProperty("query").GetProperty("debug")[0].GetString());
    }

    [Theory]
    [InlineData(Shape.RestApi, "sub", "user-1")]
    [InlineData(Shape.RestApi, "principalId", "user-1")]
    [InlineData(Shape.HttpApi, "sub", "user-2")]
    [InlineData(Shape.ScfApiGateway, "secretId", "AKIDexample")]
    public async Task AuthorizerClaims_ReachTheRoute(Shape shape, string claim, string value)
    {
        var echo = await EchoAsync(shape, new HttpCall("GET", "/test/http"));

        Assert.Equal(value, echo.GetProperty("claims").GetProperty(claim).GetString());
    }

    [Theory]
    [InlineData(Shape.HttpApi, "prod", null)]
    [InlineData(Shape.RestApi, "prod", null)]
    [InlineData(Shape.ScfApiGateway, null, "/shop")]
    [InlineData(Shape.ScfApiGateway, null, "/shop/{path}")]
    public async Task TheStage_AndTheScfApiPath_AreNotPartOfTheRoute(Shape shape, string? stage, string? scfApiPath)
    {
        var echo = await EchoAsync(shape, new HttpCall("GET", "/test/http"), stage, scfApiPath);

        Assert.Equal("test/http", echo.GetProperty("route").GetString());
    }

    [Fact]
    public async Task AConfiguredBasePath_IsCutFromThePath()
    {
        var invoker = new FunctionInvoker(new HostTestRouter(), null, new FunctionInvokerOptions { HttpBasePath = "/api/", Log = TextWriter.Null });

        var echo = await EchoAsync(Shape.HttpApi, new HttpCall("GET", "/api/test/http"), invoker: invoker);

        Assert.Equal("test/http", echo.GetProperty("route").GetString());
        Assert.Equal("/api/test/http", echo.GetProperty("path").GetString());
    }

    [Theory]
    [InlineData(Shape.HttpApi)]
    [InlineData(Shape.LoadBalancer)]
    [InlineData(Shape.ScfApiGateway)]
    public async Task UrlInTheQuery_WinsOverThePath(Shape shape)
    {
        var echo = await EchoAsync(shape, new HttpCall("POST", "/anything/else", "$url=test%2Fhttp", [("Content-Type", "application/json")], "{}"));

        Assert.Equal("test/http", echo.GetProperty("route").GetString());
    }

    [Theory]
    [InlineData(Shape.RestApi)]
    [InlineData(Shape.HttpApi)]
    [InlineData(Shape.LoadBalancerMultiValue)]
    [InlineData(Shape.ScfApiGateway)]
    [InlineData(Shape.FcHttpTrigger)]
    public async Task TheRequestType_BindsFromJson_Base64Json_AFormBody_OrTheQuery(Shape shape)
    {
        async Task<string> NoteAsync(HttpCall call)
        {
            var (result, _, body) = await InvokeAsync(HttpEventBuilder.Build(shape, call));
            Assert.True(result.IsSuccess, result.ErrorMessage);
            return HttpEventBuilder.Json(Encoding.UTF8.GetBytes(body)).GetProperty("note").GetString()!;
        }

        Assert.Equal("3 of xxxx", await NoteAsync(HttpCall.Json("POST", "/test/amount", """{"amount":3,"id":"xxxx"}""")));
        Assert.Equal("3 of xxxx", await NoteAsync(HttpCall.Json("POST", "/test/amount", """{"amount":"3","id":"xxxx"}""") with { Base64 = true }));
        Assert.Equal("3 of x y", await NoteAsync(new HttpCall("POST", "/test/amount", null, [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], "amount=3&id=x+y")));
        Assert.Equal("3 of xxxx", await NoteAsync(new HttpCall("GET", "/test/amount", "amount=3&id=xxxx")));
    }

    [Fact]
    public async Task AQueryValueThatIsNoNumber_IsInvalidRequest_NamingTheMember()
    {
        var (result, response, body) = await InvokeAsync(HttpEventBuilder.Build(Shape.HttpApi, new HttpCall("GET", "/test/amount", "amount=three")));

        Assert.Equal(400, result.HttpStatusCode);
        Assert.Equal(ErrorTypes.InvalidRequest, result.ErrorType);
        Assert.Contains("$.amount", body, StringComparison.Ordinal);
        Assert.Equal("application/json; charset=utf-8", response.GetProperty("headers").GetProperty("Content-Type").GetString());
    }

    [Fact]
    public async Task RestApi_SendsHeadersAndCookies_InMultiValueHeaders()
    {
        var (result, response, _) = await InvokeAsync(HttpEventBuilder.Build(Shape.RestApi, new HttpCall("POST", "/test/cookies")));

        Assert.Equal(201, result.HttpStatusCode);
        var multi = response.GetProperty("multiValueHeaders");
        Assert.Equal(["sid=abc; Path=/; HttpOnly", "theme=dark; Path=/"], multi.GetProperty("Set-Cookie").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["a", "b"], multi.GetProperty("X-Test").EnumerateArray().Select(v => v.GetString()));
        Assert.False(response.GetProperty("headers").TryGetProperty("Set-Cookie", out _));
    }

    [Theory]
    [InlineData(Shape.HttpApi)]
    [InlineData(Shape.FunctionUrl)]
    public async Task PayloadTwo_SendsCookiesInCookies(Shape shape)
    {
        var (_, response, _) = await InvokeAsync(HttpEventBuilder.Build(shape, new HttpCall("POST", "/test/cookies")));

        Assert.Equal(["sid=abc; Path=/; HttpOnly", "theme=dark; Path=/"], response.GetProperty("cookies").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("a, b", response.GetProperty("headers").GetProperty("X-Test").GetString());
        Assert.False(response.GetProperty("headers").TryGetProperty("Set-Cookie", out _));
    }

    [Fact]
    public async Task LoadBalancer_MirrorsTheHeaderMode_AndDescribesTheStatus()
    {
        var (_, single, _) = await InvokeAsync(HttpEventBuilder.Build(Shape.LoadBalancer, new HttpCall("POST", "/test/cookies")));
        var (_, multi, _) = await InvokeAsync(HttpEventBuilder.Build(Shape.LoadBalancerMultiValue, new HttpCall("POST", "/test/cookies")));

        Assert.Equal("201 Created", single.GetProperty("statusDescription").GetString());
        Assert.False(single.TryGetProperty("multiValueHeaders", out _));
        Assert.Equal("theme=dark; Path=/", single.GetProperty("headers").GetProperty("Set-Cookie").GetString());
        Assert.False(multi.TryGetProperty("headers", out _));
        Assert.Equal(2, multi.GetProperty("multiValueHeaders").GetProperty("Set-Cookie").GetArrayLength());
    }

    [Theory]
    [InlineData(Shape.ScfApiGateway)]
    [InlineData(Shape.FcHttpTrigger)]
    public async Task ScfAndFc_GetTheirResponseObject(Shape shape)
    {
        var (_, response, body) = await InvokeAsync(HttpEventBuilder.Build(shape, new HttpCall("POST", "/test/cookies")));

        Assert.Equal(["statusCode", "headers", "isBase64Encoded", "body"], response.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"note":"cookies set"}""", body);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ABinaryBody_IsSentBase64Encoded(Shape shape, string source, string a, string multi)
    {
        Assert.NotEmpty(source + a + multi);
        var (result, response, body) = await InvokeAsync(HttpEventBuilder.Build(shape, new HttpCall("GET", "/test/binary")));

        Assert.Equal(200, result.HttpStatusCode);
        Assert.True(response.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF }, Convert.FromBase64String(body));
    }

    [Fact]
    public async Task AMethodTheRouteDoesNotTake_Is405_WithAllow()
    {
        var (result, response, _) = await InvokeAsync(HttpEventBuilder.Build(Shape.RestApi, new HttpCall("POST", "/test/getOnly")));
        var (allowed, _, _) = await InvokeAsync(HttpEventBuilder.Build(Shape.RestApi, new HttpCall("GET", "/test/getOnly")));

        Assert.Equal(405, result.HttpStatusCode);
        Assert.Equal(ErrorTypes.MethodNotAllowed, result.ErrorType);
        Assert.Equal("GET", response.GetProperty("headers").GetProperty("Allow").GetString());
        Assert.Equal(200, allowed.HttpStatusCode);
        // A direct invocation has no method and is never refused.
        Assert.True((await s_invoker.InvokeAsync("""{"$url":"test/getOnly"}"""u8.ToArray())).IsSuccess);
    }

    [Fact]
    public async Task AHandlerThatThrows_Is500_WithTheMessageOnly_NeverTheErrorChannel()
    {
        var (result, _, body) = await InvokeAsync(HttpEventBuilder.Build(Shape.HttpApi, new HttpCall("GET", "/test/throw")));

        Assert.Equal(500, result.HttpStatusCode);
        Assert.False(result.IsSuccess);
        var error = HttpEventBuilder.Json(Encoding.UTF8.GetBytes(body));
        Assert.Equal(["errorType", "errorMessage"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("the handler failed on purpose", error.GetProperty("errorMessage").GetString());
    }

    public static TheoryData<string, byte[], int, string, string> BadRequests => new()
    {
        { "undecodable base64", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(HttpEventBuilder.Build(Shape.HttpApi, HttpCall.Json("POST", "/test/echo", "not base64!")))
            .Replace("\"isBase64Encoded\":false", "\"isBase64Encoded\":true", StringComparison.Ordinal)), 400, ErrorTypes.InvalidEvent, "not valid base64" },
        { "a body that is no JSON object", HttpEventBuilder.Build(Shape.RestApi, HttpCall.Json("POST", "/test/echo", "[1,2]")), 400, ErrorTypes.InvalidEvent, "is a JSON array; expected an object" },
        { "a text body", HttpEventBuilder.Build(Shape.LoadBalancer, new HttpCall("POST", "/test/echo", null, [("Content-Type", "text/plain")], "hello")), 400, ErrorTypes.InvalidEvent, "not valid JSON" },
        { "a multipart body", HttpEventBuilder.Build(Shape.RestApi, new HttpCall("POST", "/test/echo", null, [("Content-Type", "multipart/form-data; boundary=x")], "--x--")), 415, ErrorTypes.InvalidEvent, "multipart/form-data" },
        { "a body naming a member the request binds twice", HttpEventBuilder.Build(Shape.HttpApi, HttpCall.Json("POST", "/test/echo", """{"text":"a","text":"b"}""")), 400, ErrorTypes.InvalidRequest, "member '$.text' is invalid (Duplicate property 'text'" },
        { "a form naming \"$url\" with no value (found by the fuzzer)", HttpEventBuilder.Build(Shape.HttpApi, new HttpCall("POST", "/", null, [("Content-Type", "application/x-www-form-urlencoded")], "amount=7&$url")), 400, ErrorTypes.MissingRoute, "\"$url\" is empty" },
        { "$url twice in the query", HttpEventBuilder.Build(Shape.HttpApi, new HttpCall("GET", "/", "$url=test/echo&$url=test/throw")), 400, ErrorTypes.InvalidEvent, "\"$url\" more than once" },
        { "the route in the path and in the body", HttpEventBuilder.Build(Shape.RestApi, HttpCall.Json("POST", "/test/echo", """{"$url":"test/throw"}""")), 400, ErrorTypes.InvalidEvent, "names its route twice" },
        { "a '..' segment", HttpEventBuilder.Build(Shape.LoadBalancer, new HttpCall("GET", "/test/../test/echo")), 400, ErrorTypes.InvalidEvent, "'..' segment" },
        { "a percent-encoded slash", HttpEventBuilder.Build(Shape.HttpApi, new HttpCall("GET", "/test%2Fecho")), 400, ErrorTypes.InvalidEvent, "percent-encoded slash" },
        { "a bad percent-encoding in the query", HttpEventBuilder.Build(Shape.HttpApi, new HttpCall("GET", "/test/echo", "text=%zz")), 400, ErrorTypes.InvalidEvent, "not validly percent-encoded" },
        { "headers over the limit", HttpEventBuilder.Build(Shape.RestApi, new HttpCall("GET", "/test/echo", null, [("X-Big", new string('x', 40 * 1024))])), 431, ErrorTypes.InvalidEvent, "request headers are" },
        { "a query over the limit", HttpEventBuilder.Build(Shape.HttpApi, new HttpCall("GET", "/test/echo", "text=" + new string('x', 20 * 1024))), 414, ErrorTypes.InvalidEvent, "query string is" },
        { "a path that names no route", HttpEventBuilder.Build(Shape.LoadBalancer, new HttpCall("GET", "/")), 404, ErrorTypes.RouteNotFound, "names no route" },
        { "an unknown route", HttpEventBuilder.Build(Shape.ScfApiGateway, new HttpCall("GET", "/no/such")), 404, ErrorTypes.RouteNotFound, "No route is named 'no/such'" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInput_IsA4xxNamingTheCause_AndTheNextRequestIsServed(string what, byte[] @event, int status, string errorType, string message)
    {
        var (result, response, body) = await InvokeAsync(@event);
        var next = await EchoAsync(Shape.HttpApi, new HttpCall("GET", "/test/http"));

        Assert.False(string.IsNullOrEmpty(what));
        Assert.Equal(status, result.HttpStatusCode);
        Assert.Equal(errorType, result.ErrorType);
        Assert.Contains(message, result.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(errorType, HttpEventBuilder.Json(Encoding.UTF8.GetBytes(body)).GetProperty("errorType").GetString());
        Assert.True(response.TryGetProperty("headers", out _) || response.TryGetProperty("multiValueHeaders", out _));
        Assert.Equal("test/http", next.GetProperty("route").GetString());
    }

    [Fact]
    public async Task AnEnvelopeNamingAMemberTwice_IsRefused_AsAnHttpResponse()
    {
        var @event = Encoding.UTF8.GetString(HttpEventBuilder.Build(Shape.HttpApi, new HttpCall("GET", "/test/http")));
        var doubled = @event.Replace("\"rawPath\":\"/test/http\"", "\"rawPath\":\"/test/http\",\"rawPath\":\"/test/throw\"", StringComparison.Ordinal);
        Assert.NotEqual(@event, doubled);

        var (result, _, _) = await InvokeAsync(Encoding.UTF8.GetBytes(doubled));

        Assert.Equal(400, result.HttpStatusCode);
        Assert.Contains("'rawPath' more than once", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEchoedRoute_IsCutTo200Characters_WithControlCharactersEscaped()
    {
        var route = "a\u001b[31mred\n" + new string('x', 5000);
        var (result, _, _) = await InvokeAsync(HttpEventBuilder.Build(Shape.HttpApi, new HttpCall("GET", "/", "$url=" + Uri.EscapeDataString(route))));

        Assert.Equal(404, result.HttpStatusCode);
        Assert.Contains("'a\\u001b[31mred\\n", result.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.ErrorMessage!);
        Assert.DoesNotContain('\u001b', result.ErrorMessage!);
        Assert.InRange(result.ErrorMessage!.Length, 200, 300);
    }

    [Fact]
    public async Task ADirectEvent_NamingAMemberTheRequestBindsTwice_IsInvalidRequest_NamingIt()
    {
        var result = await s_invoker.InvokeAsync("""{"$url":"test/echo","text":"a","text":"b"}"""u8.ToArray());

        Assert.Null(result.HttpStatusCode);
        Assert.Equal(ErrorTypes.InvalidRequest, result.ErrorType);
        Assert.Contains("member '$.text' is invalid (Duplicate property 'text'", result.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>A duplicate is refused where it is read (docs/guide.md, "Members named twice"), after unescaping, at any depth.</summary>
    [Theory]
    [InlineData("test/echo", """{"text":"a","\u0074ext":"b"}""", "'$.text'")]
    [InlineData("test/tree", """{"name":"a","children":[{"name":"b","children":[{"name":"c","name":"d"}]}]}""", "'$.children[0].children[0].name'")]
    [InlineData("test/whole", """{"x":{"a":1,"b":2,"a":3}}""", "Duplicate property 'a'")]
    [InlineData("test/whole", """{"x":[{"a":1},{"a":2,"\u0061":3}]}""", "Duplicate property 'a'")]
    [InlineData("test/member", """{"sessionId":"mine","other":1,"s\u0065ssionId":"theirs"}""", "'sessionId' more than once")]
    [InlineData("test/member", """{"userInfo":{"openId":"a"},"userInfo":{"openId":"b"}}""", "'userInfo' more than once")]
    public async Task AMemberNamedTwice_WhereTheRouteReadsIt_IsRefused(string route, string members, string named)
    {
        var result = await s_invoker.InvokeAsync(Encoding.UTF8.GetBytes($"{{\"$url\":\"{route}\"," + members[1..]));

        Assert.Equal(members.Contains("userInfo", StringComparison.Ordinal) ? ErrorTypes.InvalidEvent : ErrorTypes.InvalidRequest, result.ErrorType);
        Assert.Contains(named, result.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>
    /// A duplicate nobody reads changes nothing, so nothing looks for it: the same events answer on a route that
    /// binds other members (the check costs where the member is read, not a scan of every depth).
    /// </summary>
    [Theory]
    [InlineData("""{"x":{"a":1,"b":2,"a":3}}""")]
    [InlineData("""{"x":[{"a":1},{"a":2,"a":3}]}""")]
    [InlineData("""{"a":1,"\u0061":2,"text":"read"}""")]
    public async Task AMemberNamedTwice_ThatNoOneReads_ChangesNothing(string members)
    {
        var result = await s_invoker.InvokeAsync(Encoding.UTF8.GetBytes("{\"$url\":\"test/echo\"," + members[1..]));

        Assert.True(result.IsSuccess, result.ErrorMessage);
    }

    [Fact]
    public async Task TheSameMemberInSiblingObjects_IsNoDuplicate_AndAHugeObjectIsCheckedInLinearTime()
    {
        Assert.True((await s_invoker.InvokeAsync("""{"$url":"test/whole","x":[{"a":1},{"a":2}],"y":{"a":3}}"""u8.ToArray())).IsSuccess);

        var members = string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"\"m{i}\":{i}"));
        Assert.True((await s_invoker.InvokeAsync(Encoding.UTF8.GetBytes("{\"$url\":\"test/whole\"," + members + "}"))).IsSuccess);
        Assert.Equal(ErrorTypes.InvalidRequest, (await s_invoker.InvokeAsync(Encoding.UTF8.GetBytes("{\"$url\":\"test/whole\"," + members + ",\"m99999\":0}"))).ErrorType);
    }
}
