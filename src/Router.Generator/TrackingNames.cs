namespace Router.Generator;

/// <summary>Names of the pipeline steps that tests inspect with <c>TrackIncrementalGeneratorSteps</c>.</summary>
public static class TrackingNames
{
    /// <summary>The <c>[GeneratedRouter]</c> classes.</summary>
    public const string Routers = nameof(Routers);

    /// <summary>The <c>[Route]</c> handler methods.</summary>
    public const string Handlers = nameof(Handlers);

    /// <summary>The public <c>[Route]</c> handlers of referenced libraries.</summary>
    public const string ReferencedHandlers = nameof(ReferencedHandlers);

    /// <summary>The <c>[Middleware]</c> classes.</summary>
    public const string Middleware = nameof(Middleware);

    /// <summary>The <c>JsonSerializerContext</c> classes.</summary>
    public const string JsonContexts = nameof(JsonContexts);

    /// <summary>The combined route table, with its diagnostics.</summary>
    public const string RouteTable = nameof(RouteTable);

    /// <summary>The location-free model the emitter turns into source.</summary>
    public const string RouterModel = nameof(RouterModel);

    /// <summary>The generated file: the emitter's work, done only when the model changed.</summary>
    public const string EmittedSource = nameof(EmittedSource);

    /// <summary>The diagnostics of the route table.</summary>
    public const string Diagnostics = nameof(Diagnostics);
}
