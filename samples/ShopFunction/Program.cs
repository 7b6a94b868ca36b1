using Router.Runtime;
using ShopFunction;

// One function, many operations: the event's "$url" picks the route.
//   dotnet run --project samples/ShopFunction -- invoke @samples/ShopFunction/events/pay-makeOrder.json
//   dotnet run --project samples/ShopFunction -- routes
return await FunctionHost.RunAsync(new ShopRouter(), args, new FunctionHostOptions { Services = new ShopServices() });
