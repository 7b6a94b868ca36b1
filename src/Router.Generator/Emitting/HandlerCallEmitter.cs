using System.Globalization;
using Router.Generator.Model;
using static Router.Generator.Emitting.GeneratedNames;

namespace Router.Generator.Emitting;

/// <summary>Emits each route's handler call: binding the request, the parameters, awaiting and the body.</summary>
internal static class HandlerCallEmitter
{
    internal static void EmitHandlerCall(CodeWriter w, RouterModel model, MemberNames names, int index)
    {
        var route = model.Routes[index];
        var instance = route.HandlerClassIndex < 0 ? null : model.HandlerClasses[route.HandlerClassIndex];
        var disposal = instance is { IsPerInvocation: true } ? instance.Disposal : Disposal.None;
        // A synchronous Dispose after a synchronous call needs no state machine; anything else awaits the call first.
        var syncCall = route.ReturnKind is ReturnKind.Void or ReturnKind.Value;
        var idempotency = route.Idempotency;
        var isAsync = route.ReturnKind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT
            || disposal == Disposal.DisposeAsync
            || (disposal == Disposal.Dispose && !syncCall)
            || idempotency is not null;
        w.Line($"// {route.Path} -> {route.HandlerDisplay}");
        w.Open($"private {(isAsync ? "async " : "")}{GlobalValueTask} {names.Handle(index)}({GlobalRouteContext} context)");

        if (route.RequestTypeIndex >= 0)
        {
            // Bound first: a request that does not bind creates no handler instance.
            w.Line($"var request = {GlobalPipeline}.BindRequest(context, {names.Json(route.RequestTypeIndex)});");
            if (route.ValidatorIndex >= 0)
            {
                ValidationEmitter.EmitValidationCall(w, route, names);
            }
        }

        if (idempotency is not null)
        {
            // Claimed after binding and validation, so a request that is refused claims no key (docs/guide.md, "Idempotency").
            var requestArguments = route.RequestTypeIndex >= 0 ? $"request, {names.Json(route.RequestTypeIndex)}" : "(object?)null, null";
            w.Open($"if (!await {GlobalPipeline}.BeginIdempotentAsync(context, {requestArguments}, {CodeWriter.Literal(idempotency.KeyMember)}, {N(idempotency.ExpirySeconds)}).ConfigureAwait(false))");
            w.Line("return; // a repeat: the runtime answers the first invocation's answer");
            w.Close();
        }

        string target;
        if (instance is null)
        {
            target = route.HandlerType;
        }
        else if (!instance.IsPerInvocation)
        {
            target = $"{names.Handler(route.HandlerClassIndex)}()";
        }
        else if (disposal == Disposal.None)
        {
            target = $"{names.Handler(route.HandlerClassIndex)}(context.Services)";
        }
        else
        {
            target = "handler";
        }

        var arguments = string.Join(", ", route.Parameters.Select(p => Argument(p, route)));
        var call = $"{target}.{route.MethodName}({arguments})";
        if (disposal == Disposal.None && idempotency is not null)
        {
            EmitAwaitedCall(w, route, call, names);
        }
        else if (disposal == Disposal.None)
        {
            EmitReturn(w, route, call, names);
        }
        else
        {
            // The instance is this invocation's alone, so it is disposed when its call completes, as
            // ASP.NET Core disposes the controllers it creates.
            w.Line($"{(disposal == Disposal.Dispose ? "using " : "")}var handler = {names.Handler(route.HandlerClassIndex)}(context.Services);");
            if (disposal == Disposal.Dispose && syncCall && idempotency is null)
            {
                EmitReturn(w, route, call, names);
            }
            else if (disposal == Disposal.Dispose)
            {
                EmitAwaitedCall(w, route, call, names);
            }
            else
            {
                w.Open("try");
                EmitAwaitedCall(w, route, call, names);
                w.Close();
                w.Open("finally");
                w.Line("await handler.DisposeAsync().ConfigureAwait(false);");
                w.Close();
            }
        }

        w.Close();
    }

    /// <summary>The handler call in a method that returns what the call returns (async only for a body to await).</summary>
    internal static void EmitReturn(CodeWriter w, RouteModel route, string call, MemberNames names)
    {
        switch (route.ReturnKind)
        {
            case ReturnKind.Void:
                w.Line(call + ";");
                w.Line("return default;");
                break;
            case ReturnKind.Task:
                w.Line($"return new {GlobalValueTask}({call});");
                break;
            case ReturnKind.ValueTask:
                w.Line($"return {call};");
                break;
            case ReturnKind.Value:
                w.Line($"context.SetBody({call}, {names.Json(route.ResponseTypeIndex)});");
                w.Line("return default;");
                break;
            default:
                w.Line($"var body = await {call}.ConfigureAwait(false);");
                w.Line($"context.SetBody(body, {names.Json(route.ResponseTypeIndex)});");
                break;
        }
    }

    /// <summary>The handler call in an async method, awaited so that the handler is disposed after it completes.</summary>
    internal static void EmitAwaitedCall(CodeWriter w, RouteModel route, string call, MemberNames names)
    {
        switch (route.ReturnKind)
        {
            case ReturnKind.Void:
                w.Line(call + ";");
                break;
            case ReturnKind.Task:
            case ReturnKind.ValueTask:
                w.Line($"await {call}.ConfigureAwait(false);");
                break;
            case ReturnKind.Value:
                w.Line($"context.SetBody({call}, {names.Json(route.ResponseTypeIndex)});");
                break;
            default:
                w.Line($"var body = await {call}.ConfigureAwait(false);");
                w.Line($"context.SetBody(body, {names.Json(route.ResponseTypeIndex)});");
                break;
        }
    }

    internal static string Argument(ParameterSpec parameter, RouteModel route) => parameter.Kind switch
    {
        ParameterKind.Request => "request",
        ParameterKind.Context => "context",
        ParameterKind.CancellationToken => "context.CancellationToken",
        ParameterKind.ServiceProvider =>
            $"context.Services ?? throw new global::System.InvalidOperationException({CodeWriter.Literal(route.HandlerDisplay + " needs an IServiceProvider, but the function host was given none.")})",
        _ => $"{GlobalPipeline}.GetRequiredService<{parameter.TypeName}>(context.Services, {CodeWriter.Literal(route.HandlerDisplay)})",
    };
}
