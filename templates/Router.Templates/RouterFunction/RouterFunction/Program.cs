using Router.Runtime;
using RouterFunction;

// One function, many operations: the event's "$url" picks the route.
//   dotnet run --project RouterFunction -- invoke @RouterFunction/events/hello-greet.json
//   dotnet run --project RouterFunction -- serve        (http://localhost:9000: POST /hello/greet, or POST /invoke with an event)
//   dotnet run --project RouterFunction -- routes       (the route table)
//   dotnet run --project RouterFunction -- manifest fc  (s.yaml for Alibaba FC; aws and scf too)
// On AWS Lambda, Tencent SCF / CloudBase and Alibaba Function Compute the same binary finds the
// platform from its environment. Declare the environment variables the function reads in
// FunctionHostOptions.Settings, and `manifest` writes them into each platform's description.
// Traces and metrics: each invocation is a span of the ActivitySource named "Router" and is measured
// by the Meter named "Router" (RouterTelemetry has the names); nothing is made until something listens.
// To export them, add the OpenTelemetry SDK and flush it in FunctionHostOptions.Flush (docs/hosting.md).
return await FunctionHost.RunAsync(new FunctionRouter(), args);
