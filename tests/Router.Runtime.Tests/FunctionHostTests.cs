using System.Text;
using ShopFunction;

namespace Router.Runtime.Tests;

/// <summary>The local command line: in process with captured streams, and as the real sample executable.</summary>
public sealed class FunctionHostTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, string? stdin = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var services = Events.NewShopServices(error);
        var options = new FunctionHostOptions
        {
            Services = services,
            Initialize = services.InitializeShopAsync,
            Output = output,
            Error = error,
            OpenInput = () => new MemoryStream(Encoding.UTF8.GetBytes(stdin ?? "")),
        };

        var exitCode = await FunctionHost.RunAsync(new ShopRouter(), args, options);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Invoke_FileEvent_PrintsBodyAndExitsZero()
    {
        var (exitCode, output, _) = await RunAsync(["invoke", "@" + Events.PathOf("pay-makeOrder.json")]);

        Assert.Equal(0, exitCode);
        Assert.Equal(Events.SessionRequired + Environment.NewLine, output);
    }

    [Theory]
    [InlineData("apigw-rest-login.json", "multiValueHeaders")]
    [InlineData("apigw-http-register.json", "cookies")]
    [InlineData("function-url-orders.json", "cookies")]
    [InlineData("alb-login.json", "statusDescription")]
    [InlineData("scf-apigw-login.json", "headers")]
    [InlineData("fc-http-login.json", "headers")]
    public async Task Invoke_HttpEvent_PrintsThePlatformsResponseObject(string file, string platformKey)
    {
        var (exitCode, output, _) = await RunAsync(["invoke", "@" + Events.PathOf(Path.Combine("http", file))]);

        Assert.Equal(0, exitCode);
        var response = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.Equal(200, response.GetProperty("statusCode").GetInt32());
        Assert.True(response.TryGetProperty(platformKey, out _), output);
        // The shop's answer, as the client gets it: a business code in a JSON string body.
        var body = System.Text.Json.JsonDocument.Parse(response.GetProperty("body").GetString()!).RootElement;
        Assert.True(body.TryGetProperty("code", out _), output);
    }

    [Fact]
    public async Task Invoke_InlineEvent_PrintsBody()
    {
        var (exitCode, output, _) = await RunAsync(["invoke", """{ "$url": "user/login", "name": "tcb", "password": "09876" }"""]);

        Assert.Equal(0, exitCode);
        Assert.Equal("""{"code":1004,"message":"wrong name or password"}""", output.Trim());
    }

    [Theory]
    [InlineData("-")]
    [InlineData(null)]
    public async Task Invoke_StandardInput_PrintsBody(string? argument)
    {
        string[] args = argument is null ? ["invoke"] : ["invoke", argument];

        var (exitCode, output, _) = await RunAsync(args, """{ "$url": "user/register", "name": "tcb", "password": "correct horse battery" }""");

        Assert.Equal(0, exitCode);
        Assert.Equal("""{"code":0,"message":"register success"}""", output.Trim());
    }

    [Fact]
    public async Task Invoke_BadEvent_WritesTypeAndMessageToStandardError_AndExitsNonZero()
    {
        var (exitCode, output, error) = await RunAsync(["invoke", "@" + Events.PathOf(Path.Combine("bad", "register-wrong-type.json"))]);

        Assert.Equal(FunctionHost.ExitInvocationFailed, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith("InvalidRequest: ", error.Split('\n').Single(l => l.StartsWith("Invalid", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_MissingFile_ExitsWithUsageError()
    {
        var (exitCode, _, error) = await RunAsync(["invoke", "@/no/such/event.json"]);

        Assert.Equal(FunctionHost.ExitUsage, exitCode);
        Assert.Contains("Cannot read the event", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routes_PrintsEachRouteWithItsChain()
    {
        var (exitCode, output, _) = await RunAsync(["routes"]);

        Assert.Equal(0, exitCode);
        var lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ROUTE", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^ROUTE\s+METHODS\s+HANDLER\s+MIDDLEWARE", lines[0]);
        Assert.Matches(@"^pay/makeOrder\s+POST\s+ShopFunction\.Handlers\.PayHandlers\.MakeOrder\s+ShopFunction\.Middleware\.RequestLog -> ShopFunction\.Middleware\.ErrorEnvelope -> ShopFunction\.Middleware\.RequireSession$", lines[1]);
        Assert.Matches(@"^pay/orders\s+GET,POST\s+ShopFunction\.Handlers\.PayHandlers\.Orders\s", lines[2]);
        Assert.Matches(@"^session/create\s+POST\s+ShopFunction\.Handlers\.SessionHandlers\.Create\s+ShopFunction\.Middleware\.RequestLog -> ShopFunction\.Middleware\.ErrorEnvelope$", lines[4]);
        Assert.Matches(@"^user/register\s+POST\s+ShopFunction\.Handlers\.UserHandlers\.Register\s+ShopFunction\.Middleware\.RequestLog -> ShopFunction\.Middleware\.ErrorEnvelope$", lines[6]);
        Assert.Equal("6 route(s)", lines[^1]);
    }

    [Theory]
    [MemberData(nameof(Events.BadHttp), MemberType = typeof(Events))]
    public async Task Invoke_ABadHttpEvent_PrintsThePlatformsErrorResponse_AndExits1(string file, string errorType, int status)
    {
        var (exitCode, output, error) = await RunAsync(["invoke", "@" + Events.PathOf(Path.Combine("bad", file))]);
        var response = Hosting.InProcessHost.Json(output);

        Assert.Equal(FunctionHost.ExitInvocationFailed, exitCode);
        Assert.Equal(status, response.GetProperty("statusCode").GetInt32());
        Assert.Equal(errorType, Hosting.InProcessHost.Json(response.GetProperty("body").GetString()!).GetProperty("errorType").GetString());
        Assert.StartsWith(errorType + ": ", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Events.BadBusiness), MemberType = typeof(Events))]
    public async Task Invoke_ABadEventTheShopRefusesItself_AnswersItsBusinessCode_AndExits0(string file, int code)
    {
        var (exitCode, output, _) = await RunAsync(["invoke", "@" + Events.PathOf(Path.Combine("bad", file))]);

        Assert.Equal(FunctionHost.ExitSuccess, exitCode);
        Assert.Equal(code, Hosting.InProcessHost.Json(output).GetProperty("code").GetInt32());
    }

    [Fact]
    public void EveryBadEvent_IsAsserted_AndTheyShowEveryErrorTypeAnEventCanCause()
    {
        var asserted = Events.Bad.Select(row => (string)row[0])
            .Concat(Events.BadHttp.Select(row => (string)row[0]))
            .Concat(Events.BadBusiness.Select(row => (string)row[0]))
            .Order(StringComparer.Ordinal);
        var shown = Events.Bad.Select(row => (string)row[1]).Concat(Events.BadHttp.Select(row => (string)row[1])).ToHashSet();

        Assert.Equal(Directory.EnumerateFiles(Events.PathOf("bad"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal), asserted);
        // HandlerError is a fault outside the event (the shop validates every field; its database failing
        // is one), and InitializationError happens before any event: no event file can show them.
        Assert.Equal(
            [ErrorTypes.InvalidEvent, ErrorTypes.InvalidRequest, ErrorTypes.MethodNotAllowed, ErrorTypes.MissingRoute, ErrorTypes.RouteNotFound],
            shown.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("invoke", "a", "b")]
    [InlineData("serve", "--port", "0")]
    public async Task AnUnknownCommandOrBadArgument_IsAUsageError_ExitCode2_WithTheReasonAndHelpOnStandardError(params string[] args)
    {
        var (exitCode, output, error) = await RunAsync(args);

        Assert.Equal(FunctionHost.ExitUsage, exitCode);
        Assert.Equal("", output);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
        Assert.Contains(args[^1], error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("invoke", "--help")]
    [InlineData("invoke", "-h")]
    [InlineData("routes", "-?")]
    [InlineData("serve", "/h")]
    public async Task AHelpOption_PrintsTheHelpOfItsCommand_NotTakenForAnEvent_ExitCodeZero(params string[] args)
    {
        // A help token is RootCommand's own: the command line without it parses under a plain root
        // (CommandLine.RunAsync), which would take `invoke --help` for an event named "--help".
        var (exitCode, output, error) = await RunAsync(args);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains(args.Length > 1 ? $" {args[0]} " : "[command]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheVersionOption_PrintsAVersion_ExitCodeZero()
    {
        var (exitCode, output, error) = await RunAsync(["--version"]);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Matches(@"^\d+\.\d+", output);
    }

    [Fact]
    public async Task AFirstArgumentNamingThePlainRoot_IsStillAnUnknownCommand()
    {
        // System.CommandLine skips a first argument equal to its root's name: the plain root's name must not
        // make `function invoke` valid where RootCommand refuses it.
        var (exitCode, output, error) = await RunAsync(["function", "invoke", "{}"]);

        Assert.Equal(FunctionHost.ExitUsage, exitCode);
        Assert.Equal("", output);
        Assert.Contains("function", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCommandOutsideAPlatform_PrintsTheHelp_AndIsAUsageError_ExitCode2()
    {
        var (exitCode, output, error) = await RunAsync([]);

        Assert.Equal(FunctionHost.ExitUsage, exitCode);
        Assert.Equal("", output);
        Assert.Contains("manifest", error, StringComparison.Ordinal);
    }
}
