using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GraphQL;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Marketplace.Sandbox.Shopify.GraphQl;

/// <summary>
/// Top-level errors in Shopify's (graphql-ruby's) shape: its messages and codes for the common validation failures,
/// <c>locations</c>, and a <c>path</c> (document path for validation errors, response path for execution errors).
/// </summary>
internal static partial class ShopifyGraphQlErrors
{
    public static JsonObject Syntax(GraphQLSyntaxErrorException ex) => new()
    {
        ["message"] = ex.Description.Contains("EOF", StringComparison.Ordinal) ? "syntax error, unexpected end of file" : "syntax error, " + ex.Description,
        ["locations"] = new JsonArray(Location(ex.Location.Line, ex.Location.Column)),
    };

    public static JsonObject Simple(string message, string code, JsonObject? extensions = null)
    {
        extensions ??= [];
        extensions["code"] = code;
        return new JsonObject { ["message"] = message, ["extensions"] = extensions };
    }

    public static JsonObject From(ExecutionError error, GraphQLDocument? document = null, GraphQLOperationDefinition? operation = null)
    {
        var (message, extensions) = Translate(error);
        var json = new JsonObject { ["message"] = message };
        if (error.Locations is { Count: > 0 } locations)
        {
            json["locations"] = new JsonArray(locations.Select(l => (JsonNode?)Location(l.Line, l.Column)).ToArray());
        }

        var path = error.Path?.Select(p => (JsonNode?)JsonValue.Create(p?.ToString())).ToArray()
            ?? (operation is not null && error.Locations is { Count: > 0 } at ? DocumentPath(document!, operation, at[0]) : null);
        if (path is not null)
        {
            json["path"] = new JsonArray(path);
        }

        json["extensions"] = extensions;
        return json;
    }

    private static (string Message, JsonObject Extensions) Translate(ExecutionError error)
    {
        var text = error.Message;
        switch (error.Code)
        {
            case "FIELDS_ON_CORRECT_TYPE" when UnknownField().Match(text) is { Success: true } m:
                return ($"Field '{m.Groups[1].Value}' doesn't exist on type '{m.Groups[2].Value}'", new JsonObject { ["code"] = "undefinedField", ["typeName"] = m.Groups[2].Value, ["fieldName"] = m.Groups[1].Value });
            case "KNOWN_ARGUMENT_NAMES" when UnknownArgument().Match(text) is { Success: true } m:
                return ($"Field '{m.Groups[2].Value}' doesn't accept argument '{m.Groups[1].Value}'", new JsonObject { ["code"] = "argumentNotAccepted", ["name"] = m.Groups[2].Value, ["typeName"] = "Field", ["argumentName"] = m.Groups[1].Value });
            case "PROVIDED_NON_NULL_ARGUMENTS" when MissingArgument().Match(text) is { Success: true } m:
                return ($"Field '{m.Groups[2].Value}' is missing required arguments: {m.Groups[1].Value}", new JsonObject { ["code"] = "missingRequiredArguments", ["className"] = "Field", ["name"] = m.Groups[2].Value, ["arguments"] = m.Groups[1].Value });
            case "SCALAR_LEAFS" when NoSelection().Match(text) is { Success: true } m:
                return ($"Field must have selections (field '{m.Groups[1].Value}' returns {m.Groups[2].Value} but has no selections. Did you mean '{m.Groups[1].Value} {{ ... }}'?)", new JsonObject { ["code"] = "selectionMismatch", ["nodeName"] = $"field '{m.Groups[1].Value}'", ["typeName"] = m.Groups[2].Value });
            case "SCALAR_LEAFS" when ScalarSelection().Match(text) is { Success: true } m:
                return ($"Selections can't be made on scalars (field '{m.Groups[1].Value}' returns {m.Groups[2].Value} but has selections)", new JsonObject { ["code"] = "selectionMismatch", ["nodeName"] = $"field '{m.Groups[1].Value}'", ["typeName"] = m.Groups[2].Value });
            default:
                return (text, new JsonObject { ["code"] = error.Code ?? "INTERNAL_SERVER_ERROR" });
        }
    }

    private static JsonObject Location(int line, int column) => new() { ["line"] = line, ["column"] = column };

    // graphql-ruby's static-validation path: "query name" then the field names down to the offending node.
    private static JsonNode?[]? DocumentPath(GraphQLDocument document, GraphQLOperationDefinition operation, GraphQLParser.Location at)
    {
        var head = operation.Operation.ToString().ToLowerInvariant() + (operation.Name is { } name ? " " + name.StringValue : string.Empty);
        var source = document.Source;
        var names = new List<string>();
        return Walk(operation.SelectionSet, names) ? [head, .. names.Select(n => (JsonNode?)JsonValue.Create(n))] : [head];

        bool Walk(GraphQLSelectionSet? set, List<string> trail)
        {
            foreach (var field in set?.Selections.OfType<GraphQLField>() ?? [])
            {
                trail.Add(field.Name.StringValue);
                var position = GraphQLParser.Location.FromLinearPosition(source, field.Location.Start);
                if ((position.Line == at.Line && position.Column == at.Column) || Walk(field.SelectionSet, trail) || field.Arguments?.Any(a => GraphQLParser.Location.FromLinearPosition(source, a.Location.Start) is var p && p.Line == at.Line && p.Column == at.Column) == true)
                {
                    return true;
                }

                trail.RemoveAt(trail.Count - 1);
            }

            return set?.Selections.OfType<GraphQLInlineFragment>().Any(f => Walk(f.SelectionSet, trail)) ?? false;
        }
    }

    [GeneratedRegex("Cannot query field '([^']+)' on type '([^']+)'")]
    private static partial Regex UnknownField();

    [GeneratedRegex("Unknown argument '([^']+)' on field '([^']+)'")]
    private static partial Regex UnknownArgument();

    [GeneratedRegex("Argument '([^']+)' of type '[^']+' is required for field '([^']+)'")]
    private static partial Regex MissingArgument();

    [GeneratedRegex("Field '([^']+)' of type '([^']+)' must have a selection of subfields")]
    private static partial Regex NoSelection();

    [GeneratedRegex("Field '([^']+)' must not have a selection since type '([^']+)' has no subfields")]
    private static partial Regex ScalarSelection();
}
