using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Marketplace.Shared.Shopify;

public sealed partial class ShopifyClient
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> BulkSlots = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Wakes whoever waits for this bulk operation (call it from the <c>bulk_operations/finish</c> webhook handler).</summary>
    public static void NotifyBulkOperationFinished(string bulkOperationId) => ShopifyBulkSignals.Signal(bulkOperationId);

    /// <summary>Reads a bulk operation's state.</summary>
    public async Task<ShopifyBulkOperation> GetBulkOperationAsync(string id, CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("bulkOperation", ShopifyDocuments.BulkOperation, w => w.WriteString("id", id), cancellationToken);
        var node = data.GetProperty("bulkOperation");
        return node.ValueKind == JsonValueKind.Object ? ShopifyBulkOperation.Read(node) : throw new ShopifyException($"Bulk operation {id} does not exist on {Options.ShopDomain}.");
    }

    /// <summary>
    /// Waits until the bulk operation finishes: polls every <see cref="ShopifyClientOptions.BulkPollInterval"/>, or at
    /// once when <see cref="NotifyBulkOperationFinished"/> reports it.
    /// </summary>
    public async Task<ShopifyBulkOperation> WaitForBulkOperationAsync(string id, CancellationToken cancellationToken = default)
    {
        try
        {
            while (true)
            {
                var operation = await GetBulkOperationAsync(id, cancellationToken);
                if (operation.IsFinished)
                {
                    return operation;
                }

                await Task.WhenAny(ShopifyBulkSignals.WhenSignalled(id), Task.Delay(Options.BulkPollInterval, Options.TimeProvider, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            ShopifyBulkSignals.Forget(id);
        }
    }

    /// <summary>
    /// Exports the whole catalog with <c>bulkOperationRunQuery</c> and streams the JSONL result: each product with its
    /// variants, marketplace metafields and images reattached by <c>__parentId</c>. Objects are grouped under their
    /// parent (<c>groupObjects: true</c>), so memory holds one product at a time whatever the catalog size.
    /// </summary>
    /// <exception cref="ShopifyException">The operation failed, or a child arrived away from its parent.</exception>
    public async IAsyncEnumerable<ShopifyProduct> ExportProductsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var slot = BulkSlots.GetOrAdd(Options.ShopDomain, _ => new SemaphoreSlim(Options.BulkOperationSlots));
        await slot.WaitAsync(cancellationToken);
        ShopifyBulkOperation finished;
        try
        {
            var data = await ExecuteAsync("bulkOperationRunQuery", ShopifyDocuments.BulkRunQuery, w => w.WriteString("query", ShopifyDocuments.BulkExportProducts), cancellationToken);
            var payload = data.GetProperty("bulkOperationRunQuery");
            ShopifyResponses.ThrowOnUserErrors("bulkOperationRunQuery", payload);
            finished = await WaitForBulkOperationAsync(payload.GetProperty("bulkOperation").GetProperty("id").GetString()!, cancellationToken);
        }
        finally
        {
            slot.Release();
        }

        if (finished.Status != "COMPLETED")
        {
            throw new ShopifyException($"Bulk export {finished.Id} ended {finished.Status} ({finished.ErrorCode ?? "no error code"}).");
        }

        if (finished.Url is null)
        {
            yield break; // an empty shop produces no file
        }

        await foreach (var product in ShopifyBulkReassembler.ProductsAsync(ReadJsonlAsync(finished.Url, cancellationToken), cancellationToken))
        {
            yield return product;
        }
    }

    /// <summary>Streams a JSONL document line by line (signed URL: no access token is sent).</summary>
    public async IAsyncEnumerable<JsonElement> ReadJsonlAsync(Uri url, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await _pipeline.ExecuteAsync(
            async token =>
            {
                var r = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, token);
                if ((int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    r.Dispose();
                    throw new ShopifyException($"Downloading bulk result answered {(int)r.StatusCode}.", r.StatusCode, transient: true);
                }

                return r;
            },
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ShopifyException($"Downloading bulk result answered {(int)response.StatusCode} {response.ReasonPhrase}.", response.StatusCode);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            yield return document.RootElement.Clone();
        }
    }
}
