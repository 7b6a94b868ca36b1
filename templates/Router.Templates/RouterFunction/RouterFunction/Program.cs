using Router.Runtime;
using RouterFunction;

// One function, many operations: the event's "$url" picks the route.
//   dotnet run -- invoke @events/hello-greet.json
//   dotnet run -- serve            (POST /invoke with an event, on http://localhost:8080)
//   dotnet run -- routes           (the route table)
// On AWS Lambda, Tencent SCF / CloudBase and Alibaba Function Compute the same binary finds the
// platform from its environment.
return await FunctionHost.RunAsync(new FunctionRouter(), args);
