using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Marketplace.Shared.Catalog;

namespace Marketplace.Shared.Photos;

/// <summary>
/// Where batches live: the photos and <c>{batchId}/batch.json</c> (the manifest) in the photo container, and each batch's
/// state (<see cref="PhotoBatchRecord"/>) as one row of the batch table, replaced whole at each stage.
/// </summary>
public sealed class PhotoBatchStore(BlobServiceClient blobs, TableServiceClient tables, PhotoOptions options, TimeProvider time)
{
    /// <summary>The manifest's name inside a batch folder.</summary>
    public const string ManifestName = "batch.json";

    private const string RowKey = "batch";
    private readonly TableClient _table = tables.GetTableClient(options.TableName);
    private int _tableReady;

    public BlobContainerClient Container { get; } = blobs.GetBlobContainerClient(options.Container);

    /// <summary>Stores one photo (overwriting a previous upload of the same batch, which has the same bytes).</summary>
    public async Task UploadAsync(string blob, BinaryData content, string contentType, CancellationToken cancellationToken)
    {
        await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Container.GetBlobClient(blob).UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
    }

    public Task WriteManifestAsync(PhotoBatchManifest manifest, CancellationToken cancellationToken) =>
        UploadAsync($"{manifest.BatchId}/{ManifestName}", BinaryData.FromObjectAsJson(manifest, CatalogJson.Options), "application/json", cancellationToken);

    /// <summary>The batch's manifest, or one built from the photos in its folder when they were dropped there directly; null when the folder is empty.</summary>
    public async Task<PhotoBatchManifest?> ReadManifestAsync(string batchId, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Container.GetBlobClient($"{batchId}/{ManifestName}").DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<PhotoBatchManifest>(CatalogJson.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            var images = new List<PhotoImage>();
            await foreach (var item in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, batchId + "/", cancellationToken))
            {
                if (PhotoNames.RoleOf(item.Name) is { } role && images.All(i => i.Role != role))
                {
                    images.Add(new PhotoImage(role, item.Name, item.Properties.ContentType ?? "application/octet-stream", item.Properties.ContentLength ?? 0));
                }
            }

            return images.Count == 0 ? null : new PhotoBatchManifest(batchId, images, new PhotoHints(), time.GetUtcNow());
        }
    }

    public async Task<BinaryData> DownloadAsync(string blob, CancellationToken cancellationToken) =>
        (await Container.GetBlobClient(blob).DownloadContentAsync(cancellationToken)).Value.Content;

    /// <summary>Replaces the batch's state.</summary>
    public async Task SaveAsync(PhotoBatchRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await EnsureTableAsync(cancellationToken);
        var entity = new TableEntity(record.BatchId, RowKey) { ["Data"] = JsonSerializer.Serialize(record with { UpdatedAt = time.GetUtcNow() }, CatalogJson.Options) };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The batch's state, or null when no batch has this id.</summary>
    public async Task<PhotoBatchRecord?> GetAsync(string batchId, CancellationToken cancellationToken)
    {
        if (!PhotoNames.IsBatchId(batchId))
        {
            return null;
        }

        await EnsureTableAsync(cancellationToken);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(batchId, RowKey, cancellationToken: cancellationToken);
        return row.HasValue ? JsonSerializer.Deserialize<PhotoBatchRecord>(row.Value!.GetString("Data"), CatalogJson.Options) : null;
    }

    /// <summary>Every batch's state, in table order (the batch table holds one row per batch).</summary>
    public async IAsyncEnumerable<PhotoBatchRecord> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.RowKey == RowKey, select: ["Data"], cancellationToken: cancellationToken))
        {
            if (JsonSerializer.Deserialize<PhotoBatchRecord>(row.GetString("Data"), CatalogJson.Options) is { } record)
            {
                yield return record;
            }
        }
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _tableReady) == 0)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            Volatile.Write(ref _tableReady, 1);
        }
    }
}
