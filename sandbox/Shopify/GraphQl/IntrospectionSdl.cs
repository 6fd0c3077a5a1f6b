using System.Text;
using System.Text.Json;

namespace Marketplace.Sandbox.Shopify.GraphQl;

/// <summary>
/// Turns a published introspection result (<c>{"data":{"__schema":...}}</c>) into SDL, so the schema can be built by
/// GraphQL.NET's schema builder. Descriptions are left out; deprecations, default values and <c>@oneOf</c> are kept.
/// </summary>
internal static class IntrospectionSdl
{
    private static readonly HashSet<string> BuiltInScalars = ["String", "Int", "Float", "Boolean", "ID"];
    private static readonly HashSet<string> BuiltInDirectives = ["include", "skip", "deprecated", "specifiedBy", "oneOf"];

    /// <summary>The SDL, the object type names (each needs an is-type-of check) and the custom scalars (to register).</summary>
    public static (string Sdl, IReadOnlyList<string> ObjectTypes, IReadOnlyList<string> Scalars) Convert(JsonElement introspection)
    {
        var objectTypes = new List<string>();
        var scalars = new List<string>();
        var schema = introspection.TryGetProperty("data", out var data) ? data.GetProperty("__schema") : introspection.GetProperty("__schema");
        var sdl = new StringBuilder(4 << 20);
        sdl.Append("schema { query: ").Append(schema.GetProperty("queryType").GetProperty("name").GetString());
        if (schema.GetProperty("mutationType") is { ValueKind: JsonValueKind.Object } mutation)
        {
            sdl.Append(" mutation: ").Append(mutation.GetProperty("name").GetString());
        }

        sdl.Append(" }\n");
        foreach (var directive in schema.GetProperty("directives").EnumerateArray())
        {
            var name = directive.GetProperty("name").GetString()!;
            if (!BuiltInDirectives.Contains(name))
            {
                sdl.Append("directive @").Append(name);
                Arguments(sdl, directive.GetProperty("args"));
                sdl.Append(" on ").AppendJoin(" | ", directive.GetProperty("locations").EnumerateArray().Select(l => l.GetString())).Append('\n');
            }
        }

        foreach (var type in schema.GetProperty("types").EnumerateArray())
        {
            var name = type.GetProperty("name").GetString()!;
            if (name.StartsWith("__", StringComparison.Ordinal) || BuiltInScalars.Contains(name))
            {
                continue;
            }

            switch (type.GetProperty("kind").GetString())
            {
                case "SCALAR":
                    sdl.Append("scalar ").Append(name).Append('\n');
                    scalars.Add(name);
                    break;
                case "OBJECT":
                case "INTERFACE":
                    if (type.GetProperty("kind").GetString() == "OBJECT")
                    {
                        objectTypes.Add(name);
                    }

                    sdl.Append(type.GetProperty("kind").GetString() == "OBJECT" ? "type " : "interface ").Append(name);
                    Interfaces(sdl, type);
                    sdl.Append(" {\n");
                    foreach (var field in type.GetProperty("fields").EnumerateArray())
                    {
                        sdl.Append("  ").Append(field.GetProperty("name").GetString());
                        Arguments(sdl, field.GetProperty("args"));
                        sdl.Append(": ").Append(TypeRef(field.GetProperty("type")));
                        Deprecation(sdl, field);
                        sdl.Append('\n');
                    }

                    sdl.Append("}\n");
                    break;
                case "UNION":
                    sdl.Append("union ").Append(name).Append(" = ").AppendJoin(" | ", type.GetProperty("possibleTypes").EnumerateArray().Select(t => t.GetProperty("name").GetString())).Append('\n');
                    break;
                case "ENUM":
                    sdl.Append("enum ").Append(name).Append(" {\n");
                    foreach (var value in type.GetProperty("enumValues").EnumerateArray())
                    {
                        sdl.Append("  ").Append(value.GetProperty("name").GetString());
                        Deprecation(sdl, value);
                        sdl.Append('\n');
                    }

                    sdl.Append("}\n");
                    break;
                case "INPUT_OBJECT":
                    sdl.Append("input ").Append(name);
                    if (type.TryGetProperty("isOneOf", out var oneOf) && oneOf.ValueKind == JsonValueKind.True)
                    {
                        sdl.Append(" @oneOf");
                    }

                    sdl.Append(" {\n");
                    foreach (var field in type.GetProperty("inputFields").EnumerateArray())
                    {
                        sdl.Append("  ");
                        InputValue(sdl, field);
                        sdl.Append('\n');
                    }

                    sdl.Append("}\n");
                    break;
            }
        }

        return (sdl.ToString(), objectTypes, scalars);
    }

    private static void Interfaces(StringBuilder sdl, JsonElement type)
    {
        if (type.GetProperty("interfaces") is { ValueKind: JsonValueKind.Array } interfaces && interfaces.GetArrayLength() > 0)
        {
            sdl.Append(" implements ").AppendJoin(" & ", interfaces.EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        }
    }

    private static void Arguments(StringBuilder sdl, JsonElement args)
    {
        if (args.GetArrayLength() == 0)
        {
            return;
        }

        sdl.Append('(');
        var first = true;
        foreach (var arg in args.EnumerateArray())
        {
            sdl.Append(first ? string.Empty : ", ");
            InputValue(sdl, arg);
            first = false;
        }

        sdl.Append(')');
    }

    private static void InputValue(StringBuilder sdl, JsonElement value)
    {
        sdl.Append(value.GetProperty("name").GetString()).Append(": ").Append(TypeRef(value.GetProperty("type")));
        if (value.TryGetProperty("defaultValue", out var defaultValue) && defaultValue.ValueKind == JsonValueKind.String)
        {
            sdl.Append(" = ").Append(defaultValue.GetString());
        }

        Deprecation(sdl, value);
    }

    private static void Deprecation(StringBuilder sdl, JsonElement element)
    {
        if (element.TryGetProperty("isDeprecated", out var deprecated) && deprecated.ValueKind == JsonValueKind.True)
        {
            var reason = element.TryGetProperty("deprecationReason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : "No longer supported";
            sdl.Append(" @deprecated(reason: ").Append(JsonSerializer.Serialize(reason)).Append(')');
        }
    }

    private static string TypeRef(JsonElement type) => type.GetProperty("kind").GetString() switch
    {
        "NON_NULL" => TypeRef(type.GetProperty("ofType")) + "!",
        "LIST" => "[" + TypeRef(type.GetProperty("ofType")) + "]",
        _ => type.GetProperty("name").GetString()!,
    };
}
