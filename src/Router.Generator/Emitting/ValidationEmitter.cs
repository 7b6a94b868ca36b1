using Router.Generator.Model;
using static Router.Generator.Emitting.GeneratedNames;

namespace Router.Generator.Emitting;

/// <summary>
/// Emits one nested class per validated type (docs/guide.md, "Validation"): its attributes as static
/// fields, created the first time a request of the type is checked (never at start-up, and never for a
/// route whose request has nothing to check), and a <c>Validate</c> method that checks them in declaration
/// order, goes into nested objects and collection items, then runs the type's own attributes and, when
/// its members passed, <c>IValidatableObject.Validate</c>, as <c>Validator.TryValidateObject</c> does.
/// </summary>
internal static class ValidationEmitter
{
    private const string GlobalValidation = "global::Router.RequestValidation";
    private const string GlobalAttribute = "global::System.ComponentModel.DataAnnotations.ValidationAttribute";

    /// <summary>The handler's validation of <c>request</c>, right after binding.</summary>
    internal static void EmitValidationCall(CodeWriter w, RouteModel route, MemberNames names)
    {
        w.Line($"var validation = new {GlobalValidation}(context, {names.Json(route.RequestTypeIndex)}.Options);");
        w.Line($"{names.Validator(route.ValidatorIndex)}.Validate(request, validation, \"$\");");
        w.Line("validation.ThrowIfInvalid();");
    }

    internal static void EmitValidators(CodeWriter w, RouterModel model, MemberNames names)
    {
        var index = model.ValidatedTypes.Select((t, i) => (t.TypeName, i)).ToDictionary(x => x.TypeName, x => x.i, StringComparer.Ordinal);
        for (var i = 0; i < model.ValidatedTypes.Count; i++)
        {
            var type = model.ValidatedTypes[i];
            w.Line();
            w.Line($"// The validation of {type.TypeName.Replace("global::", "")}.");
            w.Open($"private static class {names.Validator(i)}");
            var fields = EmitAttributes(w, type);
            w.Line();
            w.Open($"public static void Validate({type.TypeName} value, {GlobalValidation} validation, string path)");
            if (type.IsValidatableObject)
            {
                w.Line("var errors = validation.ErrorCount;");
            }

            var field = 0;
            for (var m = 0; m < type.Members.Count; m++)
            {
                var member = type.Members[m];
                var jsonName = member.JsonName is null ? "null" : CodeWriter.Literal(member.JsonName);
                var displayName = member.DisplayName is null ? "null" : CodeWriter.Literal(member.DisplayName);
                foreach (var _ in member.Attributes)
                {
                    w.Line($"validation.Check({fields[field++]}, value.{member.Name}, value, path, {CodeWriter.Literal(member.Name)}, {jsonName}, {displayName});");
                }

                if (member.NestedType is not { } nested)
                {
                    continue;
                }

                var validator = names.Validator(index[nested]);
                var memberPath = $"validation.Member(path, {CodeWriter.Literal(member.Name)}, {jsonName})";
                var local = "m" + m.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (member.Kind == ValidatedValueKind.Object)
                {
                    if (member.NestedIsReference)
                    {
                        w.Open($"if (value.{member.Name} is {{ }} {local})");
                        w.Line($"{validator}.Validate({local}, validation, {memberPath});");
                        w.Close();
                    }
                    else
                    {
                        w.Line($"{validator}.Validate(value.{member.Name}, validation, {memberPath});");
                    }
                }
                else
                {
                    w.Open($"if (value.{member.Name} is {{ }} {local})");
                    w.Line($"var {local}Path = {memberPath};");
                    w.Line($"var {local}Index = 0;");
                    w.Open($"foreach (var item in {local})");
                    if (member.NestedIsReference)
                    {
                        w.Open("if (item is { } present)");
                        w.Line($"{validator}.Validate(present, validation, {GlobalValidation}.Item({local}Path, {local}Index));");
                        w.Close();
                    }
                    else
                    {
                        w.Line($"{validator}.Validate(item, validation, {GlobalValidation}.Item({local}Path, {local}Index));");
                    }

                    w.Line($"{local}Index++;");
                    w.Close();
                    w.Close();
                }
            }

            foreach (var _ in type.TypeAttributes)
            {
                w.Line($"validation.CheckObject({fields[field++]}, value, path, {CodeWriter.Literal(type.DisplayName)});");
            }

            if (type.IsValidatableObject)
            {
                w.Open("if (validation.ErrorCount == errors)");
                w.Line($"validation.Validate(value, path, {CodeWriter.Literal(type.DisplayName)}, {(type.JsonNames.Count > 0 ? "JsonName" : "null")});");
                w.Close();
            }

            w.Close();
            if (type.IsValidatableObject && type.JsonNames.Count > 0)
            {
                w.Line();
                w.Line("// The [JsonPropertyName]s of the members, for the member names IValidatableObject results give.");
                w.Open("private static string? JsonName(string member) => member switch");
                for (var n = 0; n + 1 < type.JsonNames.Count; n += 2)
                {
                    w.Line($"{CodeWriter.Literal(type.JsonNames[n])} => {CodeWriter.Literal(type.JsonNames[n + 1])},");
                }

                w.Line("_ => null,");
                w.Close(";");
            }

            w.Close();
        }
    }

    /// <summary>One static field per attribute, in the order Validate checks them; returns their names.</summary>
    private static List<string> EmitAttributes(CodeWriter w, ValidatedTypeSpec type)
    {
        var attributes = type.Members.SelectMany(m => m.Attributes).Concat(type.TypeAttributes).ToList();
        var fields = new List<string>();
        var measured = new List<(string Method, string Creation)>();
        for (var a = 0; a < attributes.Count; a++)
        {
            var name = "s_" + N(a);
            fields.Add(name);
            if (attributes[a].MeasuresWithoutReflection)
            {
                var method = "Measure" + N(a);
                measured.Add((method, attributes[a].Creation));
                w.Line($"private static readonly {GlobalAttribute} {name} = {method}();");
            }
            else
            {
                w.Line($"private static readonly {GlobalAttribute} {name} = {attributes[a].Creation};");
            }
        }

        if (measured.Count > 0)
        {
            w.Line();
            w.Line("// MinLength, MaxLength and Length are marked [RequiresUnreferencedCode] because they find the Count of a");
            w.Line("// value that is neither a string nor an ICollection through reflection. The generator put these only on");
            w.Line("// strings, arrays and lists (RTR017 refuses any other member), which they measure without reflection.");
        }

        foreach (var (method, creation) in measured)
        {
            w.Line("[global::System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage(\"Trimming\", \"IL2026\", Justification = \"The member is a string, an array or an ICollection (checked by the router generator, RTR017).\")]");
            w.Line($"private static {GlobalAttribute} {method}() => {creation};");
        }

        return fields;
    }
}
