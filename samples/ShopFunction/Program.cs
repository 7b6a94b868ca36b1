using Microsoft.Extensions.DependencyInjection;
using Router.Runtime;
using ShopFunction;

// One function, many operations: the event's "$url" picks the route. The store is opened and
// migrated once, before the first event (SQLite by default, PostgreSQL when SHOP_POSTGRES is set).
//   dotnet run --project samples/ShopFunction -- invoke @samples/ShopFunction/events/user-register.json
//   dotnet run --project samples/ShopFunction -- serve
//   samples/ShopFunction/journey.sh   (register, log in, order, pay, list)
//   dotnet run --project samples/ShopFunction -- manifest fc --out artifacts/shop   (s.yaml beside function.zip)
// Traces and metrics go out over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (ShopTelemetry.cs).
using var telemetry = ShopTelemetry.Start(Environment.GetEnvironmentVariable);
await using var services = new ServiceCollection()
    .AddFunctionLogging()
    .AddShop(Environment.GetEnvironmentVariable)
    .BuildServiceProvider();
return await FunctionHost.RunAsync(new ShopRouter(), args, new FunctionHostOptions
{
    Services = services,
    Initialize = services.InitializeShopAsync,
    Settings = ShopSettings.Variables,   // what `manifest aws|fc|scf` writes into each platform's description
    Flush = telemetry is null ? null : telemetry.FlushAsync,   // before the platform may freeze the instance
});
