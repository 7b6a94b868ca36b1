using System.Net;
using System.Text;
using System.Text.Json;
using Router.Runtime.Tests.Hosting;

namespace Router.Runtime.Tests.Http;

/// <summary>
/// The shop's whole journey (register, log in, the article's order, pay, list) over HTTP: as each
/// gateway's event (API Gateway payload 1.0 and 2.0 with a stage, a function URL, a load balancer, SCF's
/// API Gateway under an API path, FC's HTTP trigger), and as real HTTP requests to <c>serve</c> and the FC
/// host. Along the way: a JSON body, a base64 body, a form body, a GET with the session in the query, and
/// the route in <c>?$url=</c>.
/// </summary>
public sealed class HttpJourneyTests
{
    public static TheoryData<Shape> GatewayShapes => [Shape.RestApi, Shape.HttpApi, Shape.FunctionUrl, Shape.LoadBalancer, Shape.LoadBalancerMultiValue, Shape.ScfApiGateway, Shape.FcHttpTrigger];

    [Theory]
    [MemberData(nameof(GatewayShapes))]
    public async Task TheJourney_PassesOverEveryGatewaysEvents(Shape shape)
    {
        var invoker = Events.CreateShopInvoker();
        var stage = shape is Shape.HttpApi or Shape.RestApi ? "prod" : null;
        var scfApiPath = shape == Shape.ScfApiGateway ? "/shop" : null;
        async Task<JsonElement> CallAsync(HttpCall call)
        {
            var result = await invoker.InvokeAsync(HttpEventBuilder.Build(shape, call, stage, scfApiPath));
            Assert.Equal(200, result.HttpStatusCode);
            var response = HttpEventBuilder.Json(result.Body);
            var body = JsonDocument.Parse(response.GetProperty("body").GetString()!).RootElement.Clone();
            Assert.True(body.GetProperty("code").GetInt32() == 0, $"{shape} {call.Method} {call.Path}: {body}");
            return body;
        }

        var name = "http" + Guid.NewGuid().ToString("N")[..12];
        const string password = "correct horse battery";
        // Register with a JSON body (base64-encoded by the gateway on the HTTP API), log in with form fields.
        await CallAsync(HttpCall.Json("POST", "/user/register", $$"""{"name":"{{name}}","password":"{{password}}"}""") with { Base64 = shape == Shape.HttpApi });
        var login = await CallAsync(new HttpCall("POST", "/user/login", null, [("Content-Type", "application/x-www-form-urlencoded")], $"name={name}&password={Uri.EscapeDataString(password)}"));
        var session = login.GetProperty("sessionId").GetString()!;

        // The article's own pay/makeOrder fields ("amount" as the string "3"), with the session.
        var order = await CallAsync(HttpCall.Json("POST", "/pay/makeOrder", $$"""{"sessionId":"{{session}}","id":"xxxx","amount":"3"}"""));
        Assert.Equal(4770, order.GetProperty("totalCents").GetInt64());
        var orderId = order.GetProperty("orderId").GetString()!;

        // Pay with the route in the query, list with a GET carrying the session in the query.
        await CallAsync(HttpCall.Json("POST", "/", $$"""{"sessionId":"{{session}}","orderId":"{{orderId}}"}""", query: "$url=pay%2Fpay"));
        var orders = await CallAsync(new HttpCall("GET", "/pay/orders", "sessionId=" + Uri.EscapeDataString(session)));

        var listed = Assert.Single(orders.GetProperty("orders").EnumerateArray());
        Assert.Equal(orderId, listed.GetProperty("orderId").GetString());
        Assert.Equal("paid", listed.GetProperty("status").GetString());
    }

    public static TheoryData<string> Servers => ["serve", "fc"];

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task TheJourney_PassesOverRealHttp_ToServeAndTheFcHost(string server)
    {
        var port = LoopbackPorts.Free();
        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var host = server == "serve"
            ? InProcessHost.Serve(port)
            : InProcessHost.Start(new Dictionary<string, string> { ["FC_FUNCTION_NAME"] = "shop", ["FC_CUSTOM_LISTEN_PORT"] = portText });
        await host.WaitForPortAsync(port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpContent? content = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            if (server == "fc")
            {
                // What FC adds to an HTTP-trigger request: its own headers, credentials among them.
                request.Headers.Add("x-fc-request-id", "fc-" + Guid.NewGuid().ToString("N"));
                request.Headers.Add("x-fc-control-path", "/http-invoke");
                request.Headers.Add("x-fc-access-key-secret", "SECRET");
            }

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            var body = JsonDocument.Parse(text).RootElement.Clone();
            Assert.True(body.GetProperty("code").GetInt32() == 0, $"{method} {path}: {body}");
            return body;
        }

        var name = "http" + Guid.NewGuid().ToString("N")[..12];
        await SendAsync(HttpMethod.Post, "/user/register", new FormUrlEncodedContent([new("name", name), new("password", "correct horse battery")]));
        var login = await SendAsync(HttpMethod.Post, "/user/login", new StringContent($$"""{"name":"{{name}}","password":"correct horse battery"}""", Encoding.UTF8, "application/json"));
        var session = login.GetProperty("sessionId").GetString()!;
        var order = await SendAsync(HttpMethod.Post, "/pay/makeOrder", new StringContent($$"""{"sessionId":"{{session}}","id":"xxxx","amount":"3"}""", Encoding.UTF8, "application/json"));
        await SendAsync(HttpMethod.Post, "/?$url=pay/pay", new StringContent($$"""{"sessionId":"{{session}}","orderId":"{{order.GetProperty("orderId").GetString()}}"}""", Encoding.UTF8, "application/json"));
        var orders = await SendAsync(HttpMethod.Get, "/pay/orders?sessionId=" + Uri.EscapeDataString(session));

        Assert.Equal("paid", Assert.Single(orders.GetProperty("orders").EnumerateArray()).GetProperty("status").GetString());
        Assert.DoesNotContain("SECRET", host.Error.ToString() + host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_ReadsAGetAsAGet_AndAnswers405ForAMethodTheRouteDoesNotTake()
    {
        var port = LoopbackPorts.Free();
        await using var host = InProcessHost.Serve(port);
        await host.WaitForPortAsync(port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var orders = await client.GetAsync("/pay/orders");
        using var register = await client.GetAsync("/user/register?name=x&password=y");

        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
        Assert.Equal(2001, JsonDocument.Parse(await orders.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, register.StatusCode);
        Assert.Equal("POST", register.Content.Headers.Allow.Single());
    }

    [Fact]
    public async Task Serve_SendsEveryCookieAsItsOwnSetCookieHeader()
    {
        var port = LoopbackPorts.Free();
        await using var host = InProcessHost.Serve(port, router: new HostTestRouter());
        await host.WaitForPortAsync(port);
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var response = await client.PostAsync("/test/cookies", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["sid=abc; Path=/; HttpOnly", "theme=dark; Path=/"], response.Headers.GetValues("Set-Cookie"));
        // Other repeated headers may travel as one comma-joined line, which HTTP defines as the same.
        Assert.Equal("a, b", string.Join(", ", response.Headers.GetValues("X-Test")));
    }
}
