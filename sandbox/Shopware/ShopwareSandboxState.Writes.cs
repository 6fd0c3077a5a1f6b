using System.Text.Json.Nodes;

namespace Marketplace.Sandbox.Shopware;

/// <summary>One operation of a write: key (error pointers start with it), entity, <c>upsert</c> or <c>delete</c>, rows.</summary>
internal sealed record SandboxWriteOperation(string Key, string Entity, string Action, JsonArray Payload);

/// <summary>One entry of Shopware's <c>errors[]</c>.</summary>
internal sealed record SandboxError(int Status, string Code, string Title, string Detail, string? Pointer);

public sealed partial class ShopwareSandboxState
{
    private const string NotBlank = "c1051bb4-d103-4f74-8988-acbcafc7fdc3";
    private const string NotInt = "ba785a8c-82cb-4283-967c-3cf342181b40";

    /// <summary>
    /// Validates every operation, then writes all of them or none (Shopware's sync runs in one transaction). Errors
    /// point at <c>{pointerPrefix}{index}/{field}</c>. On success: written ids per entity, deleted and not-found ids.
    /// </summary>
    internal (IReadOnlyList<SandboxError> Errors, JsonObject? Result) Write(string path, IReadOnlyList<SandboxWriteOperation> operations, Func<SandboxWriteOperation, string> pointerPrefix)
    {
        lock (_gate)
        {
            var errors = new List<SandboxError>();
            var numbers = Rows("product").Values.Where(p => p["productNumber"] is not null)
                .ToDictionary(p => p["productNumber"]!.GetValue<string>(), p => p["id"]!.GetValue<string>(), StringComparer.Ordinal);
            foreach (var operation in operations.Where(o => o.Action == "upsert"))
            {
                for (var i = 0; i < operation.Payload.Count; i++)
                {
                    Validate(operation, operation.Payload[i] as JsonObject, pointerPrefix(operation) + i, numbers, errors);
                }
            }

            if (errors.Count > 0)
            {
                return (errors, null);
            }

            var data = new JsonObject();
            var deleted = new JsonArray();
            var notFound = new JsonArray();
            var log = new List<(string, IReadOnlyList<string>)>();
            foreach (var operation in operations)
            {
                var rows = Rows(operation.Entity);
                var ids = data[operation.Entity] as JsonArray ?? (JsonArray)(data[operation.Entity] = new JsonArray());
                foreach (var row in operation.Payload.OfType<JsonObject>())
                {
                    var id = row["id"]?.GetValue<string>() ?? Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
                    if (operation.Action == "delete")
                    {
                        var found = operation.Entity switch
                        {
                            "product_media" => RemoveNested("media", id, _ => true),
                            "product_category" => RemoveNested("categories", row["categoryId"]?.ToString(), p => p["id"]?.ToString() == row["productId"]?.ToString()),
                            _ => rows.Remove(id),
                        };
                        (found ? deleted : notFound).Add(id);
                        continue;
                    }

                    log.Add((operation.Entity, [.. row.Select(p => p.Key)]));
                    if (rows.TryGetValue(id, out var existing))
                    {
                        foreach (var (name, value) in row)
                        {
                            existing[name] = Merge(existing[name], value);
                        }

                        existing["updatedAt"] = Iso(Now);
                    }
                    else
                    {
                        var created = (JsonObject)row.DeepClone();
                        created["id"] = id;
                        created["createdAt"] = Iso(Now);
                        created["updatedAt"] = null;
                        created["active"] ??= true;
                        rows[id] = created;
                    }

                    ids.Add(id);
                }
            }

            Writes.Enqueue(new ShopwareSandboxWrite(path, log));
            return ([], new JsonObject { ["extensions"] = new JsonArray(), ["data"] = data, ["notFound"] = notFound, ["deleted"] = deleted });
        }
    }

    /// <summary>A to-many association (objects with ids) is upserted row by row, as Shopware does; any other field is replaced.</summary>
    private static JsonNode? Merge(JsonNode? current, JsonNode? update)
    {
        if (current is not JsonArray have || update is not JsonArray { Count: > 0 } add || !have.Concat(add).All(n => n is JsonObject o && o["id"] is not null))
        {
            return update?.DeepClone();
        }

        var merged = (JsonArray)have.DeepClone();
        foreach (var row in add.OfType<JsonObject>())
        {
            if (merged.OfType<JsonObject>().FirstOrDefault(o => o["id"]!.ToString() == row["id"]!.ToString()) is { } same)
            {
                foreach (var (name, value) in row)
                {
                    same[name] = value?.DeepClone();
                }
            }
            else
            {
                merged.Add(row.DeepClone());
            }
        }

        return merged;
    }

    /// <summary>Deletes the association row <paramref name="id"/> from the <paramref name="association"/> of the products matching <paramref name="owner"/>.</summary>
    private bool RemoveNested(string association, string? id, Func<JsonObject, bool> owner)
    {
        var removed = false;
        foreach (var product in Rows("product").Values.Where(owner))
        {
            if (product[association] is JsonArray links && links.OfType<JsonObject>().FirstOrDefault(l => l["id"]?.ToString() == id) is { } link)
            {
                removed |= links.Remove(link);
                product["updatedAt"] = Iso(Now);
            }
        }

        return removed;
    }

    private void Validate(SandboxWriteOperation operation, JsonObject? row, string pointer, Dictionary<string, string> numbers, List<SandboxError> errors)
    {
        if (row is null)
        {
            errors.Add(new SandboxError(400, "FRAMEWORK__INVALID_WRITE_INPUT", "Bad Request", "Invalid payload. Should be an array of objects.", pointer));
            return;
        }

        var id = row["id"]?.ToString();
        if (id is not null && (id.Length != 32 || !id.All(char.IsAsciiHexDigit)))
        {
            errors.Add(new SandboxError(400, "FRAMEWORK__INVALID_UUID", "Bad Request", $"Value is not a valid UUID: {id}", pointer + "/id"));
            return;
        }

        if (operation.Entity == "category" && (id is null || !Rows("category").ContainsKey(id)) && row["name"]?.ToString() is not { Length: > 0 })
        {
            errors.Add(new SandboxError(400, NotBlank, "Bad Request", "This value should not be blank.", pointer + "/name"));
        }

        if (operation.Entity != "product")
        {
            return;
        }

        var creating = id is null || !Rows("product").ContainsKey(id);
        foreach (var field in new[] { "name", "productNumber", "taxId", "price", "stock" })
        {
            if (creating && (row[field] is null || row[field] is JsonValue v && v.ToString().Length == 0))
            {
                errors.Add(new SandboxError(400, NotBlank, "Bad Request", "This value should not be blank.", $"{pointer}/{field}"));
            }
        }

        if (row["stock"] is { } stock && (stock is not JsonValue value || !value.TryGetValue<int>(out _)))
        {
            errors.Add(new SandboxError(400, NotInt, "Bad Request", "This value should be of type int.", $"{pointer}/stock"));
        }

        if (row["price"] is { } price && (price is not JsonArray { Count: > 0 } prices || prices.Any(p => p?["gross"] is null || p["net"] is null || p["currencyId"] is null)))
        {
            errors.Add(new SandboxError(400, NotBlank, "Bad Request", "This value should not be blank.", $"{pointer}/price"));
        }

        if (row["productNumber"]?.ToString() is { Length: > 0 } number)
        {
            var self = id ?? pointer;
            if (numbers.TryGetValue(number, out var owner) && owner != self)
            {
                errors.Add(new SandboxError(400, "CONTENT__DUPLICATE_PRODUCT_NUMBER", "Bad Request", $"Product with number \"{number}\" already exists.", $"{pointer}/productNumber"));
            }

            numbers[number] = self;
        }
    }
}
