namespace Router.Package.Tests;

/// <summary>
/// A new function that references only the packed Router.Serverless: it builds under
/// warnings-as-errors, answers through <c>invoke</c>, and a duplicate route fails its build with RTR001.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public class ConsumerTests(PackedFeed feed)
{
    [Fact]
    public void AConsumer_RestoresFromTheFolderAndAnswersInvoke_AndADuplicateRouteIsRTR001()
    {
        var directory = feed.NewConsumerDirectory("consumer");
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <IsAotCompatible>true</IsAotCompatible>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Router.Serverless" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using Router;
            using Router.Runtime;

            return await FunctionHost.RunAsync(new ConsumerRouter(), args);

            [GeneratedRouter(JsonContext = typeof(ConsumerJson))]
            public sealed partial class ConsumerRouter;

            public sealed record OrderRequest(string? Id, int Amount);
            public sealed record OrderReply(int Code, string Id, int Amount);

            [Route("pay")]
            public static class PayHandlers
            {
                [Route("makeOrder")]
                public static OrderReply MakeOrder(OrderRequest request) => new(0, request.Id ?? "", request.Amount);
            }

            [Middleware]
            public sealed class Stamp : IRouteMiddleware
            {
                public ValueTask InvokeAsync(RouteContext context, RouteHandler next) => next(context);
            }

            [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
            [JsonSerializable(typeof(OrderRequest))]
            [JsonSerializable(typeof(OrderReply))]
            internal sealed partial class ConsumerJson : JsonSerializerContext;
            """);

        Dotnet.Run(directory, "build", "-c", "Release").EnsureSuccess("dotnet build of the consumer");
        var invoke = Dotnet.Run(directory, "run", "-c", "Release", "--no-build", "--", "invoke", """{ "$url": "pay/makeOrder", "id": "xxxx", "amount": "3" }""")
            .EnsureSuccess("invoke");
        Assert.Equal("""{"code":0,"id":"xxxx","amount":3}""", invoke.Output.Trim().Split('\n')[^1].Trim());

        File.WriteAllText(Path.Combine(directory, "Duplicate.cs"), """
            using Router;

            public static class MoreHandlers
            {
                [Route("pay/makeOrder")]
                public static void MakeOrderAgain() { }
            }
            """);
        var duplicate = Dotnet.Run(directory, "build", "-c", "Release");
        Assert.NotEqual(0, duplicate.ExitCode);
        Assert.Contains("error RTR001", duplicate.Output, StringComparison.Ordinal);
        Assert.Contains("Duplicate.cs", duplicate.Output, StringComparison.Ordinal);
    }
}
