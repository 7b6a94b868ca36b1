using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Router.Generator.Diagnostics;
using Router.Generator.Model;

namespace Router.Generator.Parsing;

/// <summary>
/// Reads what a handler's request type asks to be checked (docs/guide.md, "Validation"): the
/// <c>System.ComponentModel.DataAnnotations</c> attributes of its properties, of nested objects' and
/// collection items' properties, of the types themselves, and <c>IValidatableObject</c>. Each attribute
/// becomes the C# that creates it, so generated code checks it without reflection; an attribute that
/// cannot be checked that way is RTR016, one on a member it cannot apply to is RTR017.
/// </summary>
internal static class ValidationParser
{
    private const string DataAnnotations = "System.ComponentModel.DataAnnotations";

    /// <summary>The types reachable from <paramref name="requestType"/> that have something to check, the request type first; empty when it has nothing.</summary>
    public static EquatableArray<ValidatedTypeSpec> Parse(ITypeSymbol requestType, IAssemblySymbol routerAssembly, List<DiagnosticInfo> diagnostics)
    {
        // Every type reachable from the request through properties, collection items included.
        var reachable = new Dictionary<string, TypeFacts>(StringComparer.Ordinal);
        var pending = new Queue<INamedTypeSymbol>();
        if (AsObjectType(requestType) is { } root)
        {
            pending.Enqueue(root);
        }

        while (pending.Count > 0)
        {
            var type = pending.Dequeue();
            var name = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).FullyQualified();
            if (reachable.ContainsKey(name))
            {
                continue;
            }

            var facts = ReadType(type, routerAssembly, diagnostics);
            reachable.Add(name, facts);
            foreach (var member in facts.Members)
            {
                if (member.NestedSymbol is { } nested)
                {
                    pending.Enqueue(nested);
                }
            }
        }

        // Which of them have something to check, themselves or through what they hold (a fixed point, for cycles).
        var validated = new HashSet<string>(reachable.Where(r => r.Value.HasOwnChecks).Select(r => r.Key), StringComparer.Ordinal);
        bool changed;
        do
        {
            changed = false;
            foreach (var entry in reachable)
            {
                if (!validated.Contains(entry.Key) && entry.Value.Members.Any(m => m.NestedName is { } nested && validated.Contains(nested)))
                {
                    validated.Add(entry.Key);
                    changed = true;
                }
            }
        }
        while (changed);

        var rootName = requestType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).FullyQualified();
        if (!validated.Contains(rootName))
        {
            return EquatableArray<ValidatedTypeSpec>.Empty;
        }

        var specs = new List<ValidatedTypeSpec>();
        foreach (var name in new[] { rootName }.Concat(validated.Where(n => n != rootName).OrderBy(n => n, StringComparer.Ordinal)))
        {
            var facts = reachable[name];
            var members = new List<ValidatedMemberSpec>();
            foreach (var member in facts.Members)
            {
                var goesInto = member.NestedName is { } nested && validated.Contains(nested);
                if (member.Attributes.Count == 0 && !goesInto)
                {
                    continue;
                }

                members.Add(new ValidatedMemberSpec(
                    member.Name,
                    member.JsonName,
                    member.DisplayName,
                    member.Attributes.ToEquatableArray(),
                    goesInto ? member.Kind : ValidatedValueKind.Value,
                    goesInto ? member.NestedName : null,
                    member.NestedIsReference));
            }

            specs.Add(new ValidatedTypeSpec(name, facts.DisplayName, members.ToEquatableArray(), facts.TypeAttributes.ToEquatableArray(), facts.IsValidatableObject, facts.JsonNames.ToEquatableArray()));
        }

        return specs.ToEquatableArray();
    }

    private sealed class TypeFacts
    {
        public string DisplayName = "";
        public List<MemberFacts> Members = [];
        public List<ValidationAttributeSpec> TypeAttributes = [];
        public bool IsValidatableObject;
        public List<string> JsonNames = [];

        public bool HasOwnChecks => IsValidatableObject || TypeAttributes.Count > 0 || Members.Any(m => m.Attributes.Count > 0);
    }

    private sealed class MemberFacts
    {
        public string Name = "";
        public string? JsonName;
        public string? DisplayName;
        public List<ValidationAttributeSpec> Attributes = [];
        public ValidatedValueKind Kind;
        public INamedTypeSymbol? NestedSymbol;
        public string? NestedName;
        public bool NestedIsReference;
    }

    private static TypeFacts ReadType(INamedTypeSymbol type, IAssemblySymbol routerAssembly, List<DiagnosticInfo> diagnostics)
    {
        var facts = new TypeFacts { DisplayName = type.Name };
        facts.IsValidatableObject = type.AllInterfaces.Any(i => i.ToDisplayString() == DataAnnotations + ".IValidatableObject");
        foreach (var attribute in type.GetAttributes())
        {
            if (IsValidationAttribute(attribute)
                && Create(attribute, type, null, routerAssembly, diagnostics) is { } spec)
            {
                facts.TypeAttributes.Add(spec);
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic || property.IsIndexer || property.GetMethod is null || property.DeclaredAccessibility != Accessibility.Public
                    || property.GetMethod.DeclaredAccessibility != Accessibility.Public || !seen.Add(property.Name))
                {
                    continue;
                }

                var attributes = property.GetAttributes();
                string? jsonName = null;
                var ignored = false;
                foreach (var attribute in attributes)
                {
                    switch (attribute.AttributeClass?.ToDisplayString())
                    {
                        case "System.Text.Json.Serialization.JsonPropertyNameAttribute":
                            jsonName = attribute.ConstructorArguments.FirstOrDefault().Value as string;
                            break;
                        case "System.Text.Json.Serialization.JsonIgnoreAttribute":
                            // [JsonIgnore] with no condition never binds the member; conditional ones still read it.
                            ignored |= attribute.NamedArguments.All(n => n.Key != "Condition" || n.Value.Value is 1);
                            break;
                    }
                }

                if (ignored)
                {
                    continue;
                }

                if (jsonName is not null)
                {
                    facts.JsonNames.Add(property.Name);
                    facts.JsonNames.Add(jsonName);
                }

                var member = new MemberFacts { Name = property.Name, JsonName = jsonName };

                // A positional record's attributes without a target sit on the constructor parameter: read them too.
                var parameterAttributes = PrimaryParameter(current, property)?.GetAttributes() ?? ImmutableArray<AttributeData>.Empty;
                foreach (var attribute in attributes.Concat(parameterAttributes))
                {
                    if (attribute.AttributeClass?.ToDisplayString() == DataAnnotations + ".DisplayAttribute")
                    {
                        member.DisplayName ??= attribute.NamedArguments.FirstOrDefault(n => n.Key == "Name").Value.Value as string;
                    }
                    else if (IsValidationAttribute(attribute)
                        && Create(attribute, property.Type, property.Name, routerAssembly, diagnostics) is { } spec)
                    {
                        member.Attributes.Add(spec);
                    }
                }

                ClassifyValue(property.Type, member);
                facts.Members.Add(member);
            }
        }

        return facts;
    }

    private static IParameterSymbol? PrimaryParameter(INamedTypeSymbol type, IPropertySymbol property)
    {
        if (!type.IsRecord)
        {
            return null;
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            // The primary constructor: a parameter of the same name and type as a property the compiler made for it.
            if (constructor.Parameters.FirstOrDefault(p => p.Name == property.Name) is { } parameter
                && SymbolEqualityComparer.Default.Equals(parameter.Type, property.Type)
                && property.DeclaringSyntaxReferences.Length > 0
                && property.DeclaringSyntaxReferences.All(r => r.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.ParameterSyntax))
            {
                return parameter;
            }
        }

        return null;
    }

    private static void ClassifyValue(ITypeSymbol type, MemberFacts member)
    {
        if (ElementType(type) is { } element)
        {
            if (AsObjectType(element) is { } itemType)
            {
                member.Kind = ValidatedValueKind.Collection;
                member.NestedSymbol = itemType;
                member.NestedName = itemType.FullyQualified();
                member.NestedIsReference = element.IsReferenceType || IsNullableValue(element);
            }

            return;
        }

        if (AsObjectType(type) is { } objectType)
        {
            member.Kind = ValidatedValueKind.Object;
            member.NestedSymbol = objectType;
            member.NestedName = objectType.FullyQualified();
            member.NestedIsReference = type.IsReferenceType || IsNullableValue(type);
        }
    }

    /// <summary>A class, record or struct whose properties validation can go into (not a type of the framework, a primitive or an enum).</summary>
    private static INamedTypeSymbol? AsObjectType(ITypeSymbol type)
    {
        type = Unwrap(type);
        if (type is not INamedTypeSymbol named || named.SpecialType != SpecialType.None || named.TypeKind is not (TypeKind.Class or TypeKind.Struct)
            || named.IsAbstract || named.IsGenericType)
        {
            return null;
        }

        var ns = named.ContainingNamespace?.ToDisplayString() ?? "";
        return ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.", StringComparison.Ordinal)
            ? null
            : (INamedTypeSymbol)named.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
    }

    /// <summary>The item type of an array or a sequence (<c>IEnumerable&lt;T&gt;</c>), not of a string or a dictionary.</summary>
    private static ITypeSymbol? ElementType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return array.ElementType;
        }

        if (type.SpecialType == SpecialType.System_String || type is not INamedTypeSymbol named)
        {
            return null;
        }

        var interfaces = named.TypeKind == TypeKind.Interface ? named.AllInterfaces.Add(named) : named.AllInterfaces;
        if (interfaces.Any(i => i.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>"))
        {
            return null;
        }

        return interfaces.FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)?.TypeArguments[0];
    }

    private static bool IsNullableValue(ITypeSymbol type)
        => type is INamedTypeSymbol { IsGenericType: true, ConstructedFrom.SpecialType: SpecialType.System_Nullable_T };

    /// <summary><c>T</c> of a <c>Nullable&lt;T&gt;</c>; any other type as it is.</summary>
    private static ITypeSymbol Unwrap(ITypeSymbol type) => IsNullableValue(type) ? ((INamedTypeSymbol)type).TypeArguments[0] : type;

    /// <summary>Whether the attribute derives from <c>System.ComponentModel.DataAnnotations.ValidationAttribute</c>.</summary>
    private static bool IsValidationAttribute(AttributeData attribute)
    {
        for (var type = attribute.AttributeClass?.BaseType; type is not null; type = type.BaseType)
        {
            if (type.Name == "ValidationAttribute" && type.ContainingNamespace?.ToDisplayString() == DataAnnotations)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The C# that creates <paramref name="attribute"/>, or null after reporting why it cannot be checked as written.</summary>
    /// <param name="attribute">The attribute.</param>
    /// <param name="valueType">The type of the value it checks (the member's, or the type's for a type attribute).</param>
    /// <param name="memberName">The member, or null for a type attribute.</param>
    private static ValidationAttributeSpec? Create(AttributeData attribute, ITypeSymbol valueType, string? memberName, IAssemblySymbol routerAssembly, List<DiagnosticInfo> diagnostics)
    {
        var attributeClass = attribute.AttributeClass!;
        var attributeName = attributeClass.Name.EndsWith("Attribute", StringComparison.Ordinal)
            ? attributeClass.Name.Substring(0, attributeClass.Name.Length - "Attribute".Length)
            : attributeClass.Name;
        var location = attribute.GetLocation();
        var where = memberName ?? valueType.Name;

        ValidationAttributeSpec? Refuse(string reason)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CannotValidate, location, attributeName, where, reason));
            return null;
        }

        ValidationAttributeSpec? DoesNotApply(string reason)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ValidationDoesNotApply, location, attributeName, where, valueType.Display(), reason));
            return null;
        }

        if (attribute.AttributeConstructor is not { } constructor || attributeClass.TypeKind == TypeKind.Error)
        {
            return null; // a compile error the user already sees
        }

        var fullName = attributeClass.ToDisplayString();
        switch (fullName)
        {
            case DataAnnotations + ".CompareAttribute":
                return Refuse("it reads the other member through reflection; compare the two in IValidatableObject.Validate");
            case DataAnnotations + ".CustomValidationAttribute":
                return Refuse("it finds and calls its method through reflection; implement IValidatableObject, or derive from ValidationAttribute");
        }

        if (attribute.NamedArguments.Any(n => n.Key == "ErrorMessageResourceType"))
        {
            return Refuse("ErrorMessageResourceType looks its message up through reflection; give the message as ErrorMessage");
        }

        if (attributeClass.WhyInaccessible(routerAssembly) is { } inaccessible)
        {
            return Refuse($"generated code cannot create it: {inaccessible}");
        }

        var applies = Applies(fullName, valueType, memberName is null);
        if (applies is { } notApplicable)
        {
            return DoesNotApply(notApplicable);
        }

        var measures = false;
        if ((RequiresReflection(constructor) ?? RequiresReflection(attributeClass)) is { } reflection)
        {
            if (fullName is DataAnnotations + ".MinLengthAttribute" or DataAnnotations + ".MaxLengthAttribute" or DataAnnotations + ".LengthAttribute")
            {
                measures = true; // Applies() allowed only values it measures without reflection
            }
            else
            {
                return Refuse($"its constructor is marked [{reflection}], so it does not work when the function is trimmed or compiled to native code");
            }
        }

        var arguments = new List<string>();
        for (var i = 0; i < attribute.ConstructorArguments.Length; i++)
        {
            arguments.Add(Literal(attribute.ConstructorArguments[i], constructor.Parameters[i].Type));
        }

        var creation = $"new {attributeClass.FullyQualified()}({string.Join(", ", arguments)})";
        if (attribute.NamedArguments.Length > 0)
        {
            var named = attribute.NamedArguments.Select(n => $"{n.Key} = {Literal(n.Value, n.Value.Type)}");
            creation += " { " + string.Join(", ", named) + " }";
        }

        return new ValidationAttributeSpec(creation, measures, memberName is null ? EquatableArray<string>.Empty : SchemaKeywords(fullName, attribute, valueType), fullName == DataAnnotations + ".RequiredAttribute");
    }

    /// <summary>
    /// What a built-in attribute says in JSON Schema 2020-12 (the OpenAPI 3.1 document's dialect), one JSON member
    /// per keyword; none for an attribute it cannot say (a user's own, <c>[Phone]</c>, <c>[CreditCard]</c>).
    /// </summary>
    private static EquatableArray<string> SchemaKeywords(string attribute, AttributeData data, ITypeSymbol valueType)
    {
        var type = Unwrap(valueType);
        var isText = type.SpecialType == SpecialType.System_String;
        var arguments = data.ConstructorArguments;
        object? Named(string name) => data.NamedArguments.FirstOrDefault(n => n.Key == name).Value.Value;
        string Number(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "0";
        var keywords = new List<string>();
        switch (attribute)
        {
            case DataAnnotations + ".RequiredAttribute":
                if (isText && Named("AllowEmptyStrings") is not true)
                {
                    keywords.Add("\"minLength\":1");
                }

                break;
            case DataAnnotations + ".StringLengthAttribute":
                if (Named("MinimumLength") is int minimum && minimum > 0)
                {
                    keywords.Add($"\"minLength\":{Number(minimum)}");
                }

                keywords.Add($"\"maxLength\":{Number(arguments[0].Value)}");
                break;
            case DataAnnotations + ".MinLengthAttribute":
                keywords.Add($"\"{(isText ? "minLength" : "minItems")}\":{Number(arguments[0].Value)}");
                break;
            case DataAnnotations + ".MaxLengthAttribute":
                if (arguments.Length == 1 && arguments[0].Value is int max && max >= 0)
                {
                    keywords.Add($"\"{(isText ? "maxLength" : "maxItems")}\":{Number(max)}");
                }

                break;
            case DataAnnotations + ".LengthAttribute":
                keywords.Add($"\"{(isText ? "minLength" : "minItems")}\":{Number(arguments[0].Value)}");
                keywords.Add($"\"{(isText ? "maxLength" : "maxItems")}\":{Number(arguments[1].Value)}");
                break;
            case DataAnnotations + ".RangeAttribute" when IsNumeric(type) && arguments.Length == 2 && arguments[0].Value is int or double:
                keywords.Add($"\"{(Named("MinimumIsExclusive") is true ? "exclusiveMinimum" : "minimum")}\":{Number(arguments[0].Value)}");
                keywords.Add($"\"{(Named("MaximumIsExclusive") is true ? "exclusiveMaximum" : "maximum")}\":{Number(arguments[1].Value)}");
                break;
            case DataAnnotations + ".RegularExpressionAttribute":
                keywords.Add("\"pattern\":" + JsonString((string)arguments[0].Value!));
                break;
            case DataAnnotations + ".EmailAddressAttribute":
                keywords.Add("\"format\":\"email\"");
                break;
            case DataAnnotations + ".UrlAttribute":
                keywords.Add("\"format\":\"uri\"");
                break;
            case DataAnnotations + ".Base64StringAttribute":
                keywords.Add("\"contentEncoding\":\"base64\"");
                break;
            case DataAnnotations + ".AllowedValuesAttribute" when arguments.Length == 1 && arguments[0].Kind == TypedConstantKind.Array:
                keywords.Add("\"enum\":[" + string.Join(",", arguments[0].Values.Select(JsonValue)) + "]");
                break;
            case DataAnnotations + ".DeniedValuesAttribute" when arguments.Length == 1 && arguments[0].Kind == TypedConstantKind.Array:
                keywords.Add("\"not\":{\"enum\":[" + string.Join(",", arguments[0].Values.Select(JsonValue)) + "]}");
                break;
        }

        return keywords.ToEquatableArray();
    }

    private static string JsonValue(TypedConstant constant) => constant.Value switch
    {
        null => "null",
        string s => JsonString(s),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "null",
    };

    /// <summary>A JSON string literal.</summary>
    private static string JsonString(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case < ' ': builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static string? RequiresReflection(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case "System.Diagnostics.CodeAnalysis.RequiresUnreferencedCodeAttribute":
                    return "RequiresUnreferencedCode";
                case "System.Diagnostics.CodeAnalysis.RequiresDynamicCodeAttribute":
                    return "RequiresDynamicCode";
            }
        }

        return null;
    }

    /// <summary>Why a built-in attribute cannot check a value of <paramref name="valueType"/>, or null when it can (or is not built in).</summary>
    private static string? Applies(string attribute, ITypeSymbol valueType, bool onType)
    {
        var type = Unwrap(valueType);
        switch (attribute)
        {
            case DataAnnotations + ".RangeAttribute":
                return IsNumeric(type) || type.SpecialType == SpecialType.System_String
                    ? null
                    : "[Range] compares numbers: put it on a number (or a string of digits)";
            case DataAnnotations + ".StringLengthAttribute":
            case DataAnnotations + ".RegularExpressionAttribute":
            case DataAnnotations + ".EmailAddressAttribute":
            case DataAnnotations + ".PhoneAttribute":
            case DataAnnotations + ".UrlAttribute":
            case DataAnnotations + ".CreditCardAttribute":
            case DataAnnotations + ".Base64StringAttribute":
            case DataAnnotations + ".FileExtensionsAttribute":
                return type.SpecialType == SpecialType.System_String ? null : "it checks text: put it on a string";
            case DataAnnotations + ".MinLengthAttribute":
            case DataAnnotations + ".MaxLengthAttribute":
            case DataAnnotations + ".LengthAttribute":
                return !onType && IsMeasurable(type)
                    ? null
                    : "it measures a string, an array or a list (a type implementing ICollection, or an IEnumerable<T>, IList<T> or IReadOnlyList<T> that JSON fills with a List<T>); anything else it measures through reflection";
            default:
                return null;
        }
    }

    private static bool IsNumeric(ITypeSymbol type) => type.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16
        or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
        or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal;

    private static bool IsMeasurable(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String || type is IArrayTypeSymbol)
        {
            return true;
        }

        if (type.AllInterfaces.Any(i => i.ToDisplayString() == "System.Collections.ICollection"))
        {
            return true;
        }

        // The interfaces System.Text.Json fills with a List<T>, which is an ICollection.
        return type is INamedTypeSymbol { TypeKind: TypeKind.Interface, IsGenericType: true } named
            && named.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IEnumerable<T>" or "System.Collections.Generic.ICollection<T>"
                or "System.Collections.Generic.IList<T>" or "System.Collections.Generic.IReadOnlyCollection<T>" or "System.Collections.Generic.IReadOnlyList<T>";
    }

    /// <summary>A constant as C#, converted to <paramref name="target"/> where its type alone would pick another overload.</summary>
    private static string Literal(TypedConstant constant, ITypeSymbol? target)
    {
        if (constant.IsNull)
        {
            return target is null ? "null" : $"({target.FullyQualified()})null";
        }

        switch (constant.Kind)
        {
            case TypedConstantKind.Array:
                var elementType = (constant.Type as IArrayTypeSymbol)?.ElementType;
                return $"new {elementType?.FullyQualified() ?? "object"}[] {{ {string.Join(", ", constant.Values.Select(v => Literal(v, elementType)))} }}";
            case TypedConstantKind.Type:
                return $"typeof({((ITypeSymbol)constant.Value!).FullyQualified()})";
            case TypedConstantKind.Enum:
                return $"({constant.Type!.FullyQualified()})({Convert.ToString(constant.Value, CultureInfo.InvariantCulture)})";
        }

        var value = constant.Value;
        var text = value switch
        {
            string s => SymbolDisplay.FormatLiteral(s, quote: true),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            bool b => b ? "true" : "false",
            double d => double.IsNaN(d) ? "double.NaN" : double.IsPositiveInfinity(d) ? "double.PositiveInfinity" : double.IsNegativeInfinity(d) ? "double.NegativeInfinity" : d.ToString("R", CultureInfo.InvariantCulture) + "d",
            float f => float.IsNaN(f) ? "float.NaN" : float.IsPositiveInfinity(f) ? "float.PositiveInfinity" : float.IsNegativeInfinity(f) ? "float.NegativeInfinity" : f.ToString("R", CultureInfo.InvariantCulture) + "f",
            ulong u => u.ToString(CultureInfo.InvariantCulture) + "UL",
            long l => l.ToString(CultureInfo.InvariantCulture) + "L",
            uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
        };

        // An object-typed argument (AllowedValues' items, Range's operands) keeps its own type; an int, short or byte is cast to it.
        var type = constant.Type;
        if (value is byte or sbyte or short or ushort && type is not null)
        {
            return $"({type.ToDisplayString()})({text})";
        }

        return text.StartsWith("-", StringComparison.Ordinal) ? $"({text})" : text;
    }
}
