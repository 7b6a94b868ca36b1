using System.Globalization;
using System.Text;
using Router.Generator.Model;

namespace Router.Generator.Emitting;

/// <summary>
/// The names of the generated members, chosen to say what each is: <c>__RequestLog</c> is the
/// <c>RequestLog</c> middleware, <c>__Pipeline_pay_makeOrder_1</c> the second step of <c>pay/makeOrder</c>'s
/// pipeline, <c>__Handle_pay_makeOrder</c> its handler call, <c>__Json_Reply</c> the JSON metadata of
/// <c>Reply</c>. Characters a C# name cannot hold become <c>_</c>; when two names would be equal, the later
/// one gets the index of what it names (<c>__Handle_a_b_7</c>). Deterministic: the same model, the same names.
/// </summary>
internal sealed class MemberNames
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly string[] _routes;
    private readonly int[] _steps;
    private readonly string[] _middleware;
    private readonly string[] _handlers;
    private readonly string[] _json;
    private readonly string[] _validators;
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);

    public MemberNames(RouterModel model)
    {
        _routes = new string[model.Routes.Count];
        _steps = new int[model.Routes.Count];
        for (var i = 0; i < model.Routes.Count; i++)
        {
            _steps[i] = model.Routes[i].Pipeline.Count;
            // Unique handler names make unique route ids, and so unique step and field names.
            _routes[i] = Claim("__Handle_" + Identifier(model.Routes[i].Path), i).Substring("__Handle_".Length);
        }

        _middleware = model.Middleware.Select((m, i) => Claim("__" + SimpleName(m.DisplayName), i)).ToArray();
        _handlers = model.HandlerClasses.Select((h, i) => Claim((h.IsPerInvocation ? "__New" : "__") + SimpleName(h.DisplayName), i)).ToArray();
        _json = model.JsonTypes.Select((t, i) => Claim("__Json_" + TypeName(t), i)).ToArray();
        _validators = model.ValidatedTypes.Select((t, i) => Claim("__Validate_" + TypeName(t.TypeName), i)).ToArray();
    }

    /// <summary>What the dispatcher calls for route <paramref name="route"/>: its pipeline's first step, or its handler when it has no middleware.</summary>
    public string Entry(int route) => _steps[route] == 0 ? Handle(route) : Step(route, 0);

    /// <summary>The method of step <paramref name="step"/> (0 is the outermost middleware; the last calls the handler).</summary>
    public string Step(int route, int step) => $"__Pipeline_{_routes[route]}_{N(step)}";

    /// <summary>The field caching the delegate of step <paramref name="step"/>, the <c>next</c> of the step before it.</summary>
    public string NextField(int route, int step) => $"__next_{_routes[route]}_{N(step)}";

    public string Handle(int route) => "__Handle_" + _routes[route];

    public string Middleware(int index) => _middleware[index];

    public string Handler(int index) => _handlers[index];

    public string Json(int index) => _json[index];

    /// <summary>The nested class that validates <see cref="RouterModel.ValidatedTypes"/>[<paramref name="index"/>]: <c>__Validate_MakeOrderRequest</c>.</summary>
    public string Validator(int index) => _validators[index];

    /// <summary>The backing field of the accessor <paramref name="accessor"/>: its name with a lower-case first letter.</summary>
    public string Field(string accessor)
    {
        if (!_fields.TryGetValue(accessor, out var field))
        {
            var bare = accessor.Substring(2);
            field = "__" + char.ToLowerInvariant(bare[0]) + bare.Substring(1);
            field = _used.Add(field) ? field : Claim(field + "Field", _fields.Count);
            _fields[accessor] = field;
        }

        return field;
    }

    private string Claim(string name, int index)
    {
        if (_used.Add(name))
        {
            return name;
        }

        var numbered = name + "_" + N(index);
        for (var suffix = 2; !_used.Add(numbered); suffix++)
        {
            numbered = name + "_" + N(index) + "_" + N(suffix);
        }

        return numbered;
    }

    /// <summary><c>Shop.Middleware.RequestLog</c> gives <c>RequestLog</c>; <c>Outer.Inner&lt;T&gt;</c> gives <c>Inner_T</c>.</summary>
    private static string SimpleName(string displayName)
    {
        var generic = displayName.IndexOf('<');
        var head = generic < 0 ? displayName : displayName.Substring(0, generic);
        var dot = head.LastIndexOf('.');
        return Identifier(displayName.Substring(dot + 1));
    }

    /// <summary>A type as written in generated code (<c>global::System.Collections.Generic.List&lt;global::Shop.Item&gt;</c>) without its namespaces: <c>List_Item</c>.</summary>
    private static string TypeName(string type)
    {
        var text = type.Replace("global::", "");
        var builder = new StringBuilder(text.Length);
        var segment = new StringBuilder();
        foreach (var c in text)
        {
            if (c == '.')
            {
                segment.Clear();
                continue;
            }

            if (char.IsLetterOrDigit(c) || c == '_')
            {
                segment.Append(c);
                continue;
            }

            builder.Append(segment).Append(c == '[' ? "Array" : "_");
            segment.Clear();
        }

        builder.Append(segment);
        return Identifier(builder.ToString());
    }

    /// <summary>Letters, digits and <c>_</c> kept; anything else one <c>_</c>; no leading, trailing or doubled <c>_</c>.</summary>
    private static string Identifier(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var keep = char.IsLetterOrDigit(c) && c < 128;
            if (keep)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[builder.Length - 1] != '_')
            {
                builder.Append('_');
            }
        }

        var identifier = builder.ToString().Trim('_');
        return identifier.Length == 0 ? "route" : identifier;
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
