using System.Globalization;
using Router.Generator.Model;
using static Router.Generator.Emitting.GeneratedNames;

namespace Router.Generator.Emitting;

/// <summary>Emits each route's pipeline, composed at compile time: one method per middleware step.</summary>
internal static class PipelineEmitter
{
    /// <summary>
    /// The route's pipeline, composed at compile time: one method per step, each calling its middleware's
    /// <c>InvokeAsync</c> on the concrete type with the next step as <c>next</c>. The <c>next</c> delegates
    /// are made once per router, on the route's first dispatch; each step but the first first records that
    /// the middleware before it called <c>next</c>, so a second call throws (the koa-compose rule).
    /// A route without middleware has no pipeline: the dispatcher calls its handler method.
    /// </summary>
    internal static void EmitPipeline(CodeWriter w, RouterModel model, MemberNames names, int index)
    {
        var route = model.Routes[index];
        var steps = route.Pipeline.Count;
        if (steps == 0)
        {
            return;
        }

        w.Line();
        w.Line($"// {route.Path}: {string.Join(" -> ", route.Pipeline.Select(m => model.Middleware[m].DisplayName))} -> {route.HandlerDisplay}");
        for (var step = 1; step <= steps; step++)
        {
            w.Line($"private {GlobalRouteHandler}? {names.NextField(index, step)};");
        }

        for (var step = 0; step <= steps; step++)
        {
            w.Line();
            w.Open($"private {GlobalValueTask} {names.Step(index, step)}({GlobalRouteContext} context)");
            if (step > 0)
            {
                w.Line($"{GlobalPipeline}.EnterNext(context, {N(step - 1)});");
            }

            if (step == steps)
            {
                w.Line($"return {names.Handle(index)}(context);");
            }
            else
            {
                var middleware = model.Middleware[route.Pipeline[step]];
                var instance = $"{names.Middleware(route.Pipeline[step])}(context.RootServices)";
                var target = middleware.HasDirectInvoke ? instance : $"((global::Router.IRouteMiddleware){instance})";
                w.Line($"return {target}.InvokeAsync(context, {names.NextField(index, step + 1)} ??= {names.Step(index, step + 1)});");
            }

            w.Close();
        }
    }
}
