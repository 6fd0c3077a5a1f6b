using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

public sealed partial class ShopifyClient
{
    /// <summary>
    /// Imports drafts with bulk <c>productSet</c>: streams them into JSONL files under
    /// <see cref="ShopifyClientOptions.BulkUploadLimitBytes"/>, uploads each with <c>stagedUploadsCreate</c>
    /// (BULK_MUTATION_VARIABLES) and a multipart POST, runs <c>bulkOperationRunMutation</c>, waits, and streams the
    /// result JSONL back line by line as one result per SKU (product ids, or userErrors with field paths).
    /// Lines upsert by the SKU custom id, so re-running an import never duplicates products. At most
    /// <see cref="ShopifyClientOptions.MaxConcurrentBulkOperations"/> bulk operations run per shop in this process.
    /// </summary>
    /// <param name="drafts">The listings, streamed.</param>
    /// <param name="setQuantities">Also set each variant's available quantity at the managed location.</param>
    /// <param name="cancellationToken">Cancels; a running bulk operation keeps running on Shopify.</param>
    public async IAsyncEnumerable<ShopifyBulkImportResult> ImportProductsAsync(IAsyncEnumerable<ListingDraft> drafts, bool setQuantities = true, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var locationId = setQuantities ? await GetLocationIdAsync(cancellationToken) : null;
        await foreach (var chunk in ShopifyBulkJsonl.WriteChunksAsync(drafts, Options.BulkUploadLimitBytes, locationId, cancellationToken: cancellationToken))
        {
            ShopifyBulkOperation finished;
            try
            {
                var path = await UploadBulkVariablesAsync(chunk.Path, cancellationToken);
                finished = await RunBulkMutationAsync(ShopifyDocuments.BulkProductSet, path, cancellationToken);
            }
            finally
            {
                File.Delete(chunk.Path);
            }

            if (finished.Status != "COMPLETED" && finished.PartialDataUrl is null)
            {
                throw new ShopifyException($"Bulk import {finished.Id} ended {finished.Status} ({finished.ErrorCode ?? "no error code"}) with no output.");
            }

            var url = finished.Url ?? finished.PartialDataUrl;
            if (url is null)
            {
                continue;
            }

            await foreach (var line in ReadJsonlAsync(url, cancellationToken))
            {
                yield return ReadImportLine(line, chunk.Skus);
            }
        }
    }

    /// <summary>Uploads a JSONL file of mutation variables to a staged target; returns the <c>stagedUploadPath</c>.</summary>
    public async Task<string> UploadBulkVariablesAsync(string filePath, CancellationToken cancellationToken = default)
    {
        var data = await ExecuteAsync("stagedUploadsCreate", ShopifyDocuments.StagedUploadsCreate, w =>
        {
            w.WriteStartArray("input");
            w.WriteStartObject();
            w.WriteString("resource", "BULK_MUTATION_VARIABLES");
            w.WriteString("filename", Path.GetFileName(filePath));
            w.WriteString("mimeType", "text/jsonl");
            w.WriteString("httpMethod", "POST");
            w.WriteEndObject();
            w.WriteEndArray();
        }, cancellationToken);
        var payload = data.GetProperty("stagedUploadsCreate");
        ShopifyResponses.ThrowOnUserErrors("stagedUploadsCreate", payload);
        var target = payload.GetProperty("stagedTargets")[0];
        var parameters = target.GetProperty("parameters").EnumerateArray().Select(p => (Name: p.GetProperty("name").GetString()!, Value: p.GetProperty("value").GetString()!)).ToList();
        var key = parameters.FirstOrDefault(p => p.Name == "key").Value
            ?? throw new ShopifyException("stagedUploadsCreate returned a target without a 'key' parameter.");
        var url = new Uri(target.GetProperty("url").GetString()!);
        await _pipeline.ExecuteAsync(
            async token =>
            {
                await using var file = File.OpenRead(filePath);
                using var form = new MultipartFormDataContent();
                foreach (var (name, value) in parameters)
                {
                    form.Add(new StringContent(value), name);
                }

                var content = new StreamContent(file, 1 << 16);
                content.Headers.ContentType = new MediaTypeHeaderValue("text/jsonl");
                form.Add(content, "file", Path.GetFileName(filePath)); // the file goes last, after every policy field
                using var response = await _http.PostAsync(url, form, token);
                if (!response.IsSuccessStatusCode)
                {
                    var transient = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests;
                    throw new ShopifyException($"Staged upload answered {(int)response.StatusCode} {response.ReasonPhrase}.", response.StatusCode, rawBody: await response.Content.ReadAsStringAsync(token), transient: transient);
                }
            },
            cancellationToken);
        return key;
    }

    /// <summary>Starts <c>bulkOperationRunMutation</c> on an uploaded file and waits for it (holding a per-shop bulk slot).</summary>
    public async Task<ShopifyBulkOperation> RunBulkMutationAsync(string mutation, string stagedUploadPath, CancellationToken cancellationToken = default)
    {
        var slot = BulkSlots.GetOrAdd(Options.ShopDomain, _ => new SemaphoreSlim(Options.BulkOperationSlots));
        await slot.WaitAsync(cancellationToken);
        try
        {
            var data = await ExecuteAsync("bulkOperationRunMutation", ShopifyDocuments.BulkRunMutation, w =>
            {
                w.WriteString("mutation", mutation);
                w.WriteString("stagedUploadPath", stagedUploadPath);
            }, cancellationToken);
            var payload = data.GetProperty("bulkOperationRunMutation");
            ShopifyResponses.ThrowOnUserErrors("bulkOperationRunMutation", payload);
            return await WaitForBulkOperationAsync(payload.GetProperty("bulkOperation").GetProperty("id").GetString()!, cancellationToken);
        }
        finally
        {
            slot.Release();
        }
    }

    private static ShopifyBulkImportResult ReadImportLine(JsonElement line, IReadOnlyList<string> skus)
    {
        var number = line.TryGetProperty("__lineNumber", out var n) ? n.GetInt32() : -1;
        var sku = number >= 0 && number < skus.Count ? skus[number] : $"line {number}";
        if (line.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            var messages = errors.EnumerateArray().Select(e => new ShopifyUserError([], e.OptionalString("message") ?? e.ToString(), "GRAPHQL_ERROR")).ToList();
            return new ShopifyBulkImportResult(sku, null, messages);
        }

        var payload = line.GetProperty("data").GetProperty("productSet");
        var userErrors = ShopifyResponses.ReadUserErrors(payload);
        var product = payload.TryGetProperty("product", out var p) && p.ValueKind == JsonValueKind.Object ? ShopifyProductReader.ReadRef(p) : null;
        return new ShopifyBulkImportResult(sku, product, userErrors);
    }
}
