using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Sandbox.Shopify.GraphQl;

namespace Marketplace.Sandbox.Shopify;

internal static partial class SandboxBulk
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private static async Task RunExport(ShopifyRequestContext context, SandboxBulkOperation operation)
    {
        operation.Status = "RUNNING";
        await Task.Delay(context.Shop.Faults.BulkDelay);
        var shop = context.Shop;
        List<SandboxProduct> products;
        lock (shop.Gate)
        {
            products = shop.Products.Values.OrderBy(p => p.Id).ToList();
        }

        await WriteResultAsync(context, operation, async stream =>
        {
            long count = 0;
            foreach (var p in products)
            {
                JsonObject[] lines;
                lock (shop.Gate)
                {
                    var id = Gid.Of("Product", p.Id);
                    var node = SandboxProductJson.Node(shop, p);
                    node.Remove("variants");
                    node.Remove("metafields");
                    node.Remove("media");
                    node.Remove("createdAt");
                    node.Remove("onlineStoreUrl");
                    lines =
                    [
                        node,
                        .. p.Variants.Select(v => Child(SandboxProductJson.Variant(shop, v), id)),
                        .. p.Metafields.Select(m => Child(SandboxProductJson.Metafield(m), id)),
                        .. p.Media.Select(m => Child(new JsonObject { ["id"] = Gid.Of("MediaImage", m.Id), ["image"] = new JsonObject { ["url"] = m.Url } }, id)),
                    ];
                }

                foreach (var line in lines)
                {
                    await WriteLineAsync(stream, line);
                    count++;
                }
            }

            return count;
        });
    }

    private static async Task RunImport(ShopifyRequestContext context, SandboxBulkOperation operation, string mutation, string path)
    {
        operation.Status = "RUNNING";
        await Task.Delay(context.Shop.Faults.BulkDelay);
        await WriteResultAsync(context, operation, async stream =>
        {
            long count = 0;
            using var reader = new StreamReader(path, Encoding.UTF8);
            var number = 0;
            while (await reader.ReadLineAsync() is { } text)
            {
                if (text.Length == 0)
                {
                    continue;
                }

                JsonObject result;
                try
                {
                    var request = new ShopifyGraphQlRequest(context.Sandbox, context.Shop, context.BaseUri, context.ApiVersion);
                    result = await ShopifyGraphQlExecutor.ExecuteAsync(request, mutation, JsonNode.Parse(text) as JsonObject ?? []);
                }
                catch (JsonException ex)
                {
                    result = new JsonObject { ["errors"] = Gid.Array([new JsonObject { ["message"] = ex.Message }]) };
                }

                result["__lineNumber"] = number++;
                await WriteLineAsync(stream, result);
                count++;
            }

            return count;
        });
        File.Delete(path);
    }

    private static async Task WriteResultAsync(ShopifyRequestContext context, SandboxBulkOperation operation, Func<Stream, Task<long>> write)
    {
        var path = context.Sandbox.ResultPath(operation.Id);
        try
        {
            await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true))
            {
                operation.ObjectCount = await write(stream);
                operation.FileSize = stream.Length;
            }

            operation.Url = operation.FileSize == 0 ? null : new Uri(context.BaseUri, $"shopify-sandbox/bulk/{operation.Id}.jsonl");
            operation.Status = "COMPLETED";
        }
        catch (IOException)
        {
            operation.Status = "FAILED";
            operation.ErrorCode = "INTERNAL_SERVER_ERROR";
        }

        operation.CompletedAt = context.Now;
        lock (context.Shop.Gate)
        {
            context.Sandbox.Webhooks.Enqueue(context.Shop, "bulk_operations/finish", new JsonObject
            {
                ["admin_graphql_api_id"] = Gid.Of("BulkOperation", operation.Id),
                ["completed_at"] = Gid.Timestamp(operation.CompletedAt.Value),
                ["created_at"] = Gid.Timestamp(operation.CreatedAt),
                ["error_code"] = operation.ErrorCode?.ToLowerInvariant(),
                ["status"] = operation.Status.ToLowerInvariant(),
                ["type"] = operation.Type.ToLowerInvariant(),
            });
        }
    }

    private static JsonObject Child(JsonObject node, string parentId)
    {
        node["__parentId"] = parentId;
        return node;
    }

    private static async Task WriteLineAsync(Stream stream, JsonObject line)
    {
        await stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(line));
        await stream.WriteAsync(NewLine);
    }
}
