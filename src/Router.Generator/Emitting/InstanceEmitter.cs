using System.Globalization;
using Router.Generator.Model;
using static Router.Generator.Emitting.GeneratedNames;

namespace Router.Generator.Emitting;

/// <summary>Emits the accessors of handler classes (per invocation, or cached) and of middleware (once per router).</summary>
internal static class InstanceEmitter
{
    /// <summary>The accessors of the handler classes: cached when the constructor takes nothing, else new per invocation.</summary>
    internal static void EmitHandlerInstances(CodeWriter w, EquatableArray<InstanceModel> instances, MemberNames names)
    {
        for (var i = 0; i < instances.Count; i++)
        {
            var instance = instances[i];
            w.Line();
            if (instance.IsPerInvocation)
            {
                // New per invocation from the invocation's services (its scope, when they have scopes), so a
                // scoped service is the invocation's own and never captured by a longer-lived instance.
                w.Line("// New per invocation from the invocation's services (its scope), so a scoped service is the invocation's own.");
                w.Line($"private static {instance.TypeName} {names.Handler(i)}({GlobalServiceProvider}? services)");
                w.Line($"    => new {instance.TypeName}({ConstructorArguments(instance)});");
                continue;
            }

            var field = names.Field(names.Handler(i));
            w.Line($"private {instance.TypeName}? {field};");
            w.Line();
            w.Line("// Takes nothing, so created once per router, on first use; when two first calls race, both get the instance stored first.");
            w.Line($"private {instance.TypeName} {names.Handler(i)}()");
            w.Line($"    => {field} ?? {GlobalPipeline}.InitializeOnce(ref {field}, new {instance.TypeName}());");
        }
    }

    /// <summary>The accessors of the middleware: created once per router, on first use, from the router's services.</summary>
    internal static void EmitMiddlewareInstances(CodeWriter w, EquatableArray<InstanceModel> instances, MemberNames names)
    {
        for (var i = 0; i < instances.Count; i++)
        {
            var instance = instances[i];
            var field = names.Field(names.Middleware(i));
            w.Line();
            w.Line($"private {instance.TypeName}? {field};");
            w.Line();
            w.Line("// Created once per router, on first use; when two first calls race, both get the instance stored first.");
            w.Line($"private {instance.TypeName} {names.Middleware(i)}({GlobalServiceProvider}? services)");
            w.Line($"    => {field} ?? {GlobalPipeline}.InitializeOnce(ref {field}, new {instance.TypeName}({ConstructorArguments(instance)}));");
        }
    }

    internal static string ConstructorArguments(InstanceModel instance)
        => string.Join(", ", instance.ConstructorParameters.Select(
            t => $"{GlobalPipeline}.GetRequiredService<{t}>(services, {CodeWriter.Literal(instance.DisplayName)})"));
}
