using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace Marketplace.Shared.Storage.Tables;

public sealed partial class TableClient
{
    /// <summary>The service's maximum page size (<c>$top</c>).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Reads one entity, optionally only the <paramref name="select"/>ed properties.</summary>
    /// <exception cref="RequestFailedException">404 <c>ResourceNotFound</c> when absent (or <c>TableNotFound</c>).</exception>
    public async Task<TableEntity> GetEntityAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        await GetEntityCoreAsync(partitionKey, rowKey, select, throwIfAbsent: true, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("Unreachable: an absent entity throws.");

    /// <summary>Reads one entity, or null when there is none with these keys.</summary>
    /// <exception cref="RequestFailedException">404 <c>TableNotFound</c> when the table itself is missing.</exception>
    public Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
        GetEntityCoreAsync(partitionKey, rowKey, select, throwIfAbsent: false, cancellationToken);

    /// <summary>
    /// Streams the entities matching <paramref name="filter"/> (an OData expression, best built with
    /// <see cref="TableFilter"/>; null for all), following the service's continuation tokens. Pages hold at
    /// most <paramref name="maxPerPage"/> entities (1-1,000; the service's default is 1,000), and may hold
    /// fewer, even none, before the end.
    /// </summary>
    public async IAsyncEnumerable<TableEntity> QueryAsync(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in QueryPagesAsync(filter, maxPerPage, select, null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var entity in page.Values)
            {
                yield return entity;
            }
        }
    }

    /// <summary>
    /// Streams the result pages of a query, starting at <paramref name="continuationToken"/> (null: the start).
    /// Each page's <see cref="Page{T}.ContinuationToken"/> resumes after it; null on the last page.
    /// </summary>
    public async IAsyncEnumerable<Page<TableEntity>> QueryPagesAsync(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null,
        string? continuationToken = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var selected = select?.ToArray();
        do
        {
            var page = await QueryPageAsync(filter, maxPerPage, selected, continuationToken, cancellationToken).ConfigureAwait(false);
            yield return page;
            continuationToken = page.ContinuationToken;
        }
        while (continuationToken is not null);
    }

    /// <summary>Reads one page of a query (see <see cref="QueryPagesAsync"/>); keep its continuation token to resume later.</summary>
    /// <exception cref="ArgumentException">The continuation token was not produced by this client.</exception>
    public async Task<Page<TableEntity>> QueryPageAsync(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null,
        string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        if (maxPerPage is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, $"A page holds 1 to {MaxPageSize} entities.");
        }

        using var message = CreateMessage(RequestMethod.Get, Name + "()", MinimalMetadata);
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter);
        }

        if (maxPerPage is { } top)
        {
            uri.AppendQuery("$top", top.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        AppendSelect(uri, select);
        if (continuationToken is not null)
        {
            var (nextPartitionKey, nextRowKey) = ParseContinuationToken(continuationToken);
            uri.AppendQuery("NextPartitionKey", nextPartitionKey);
            if (nextRowKey is not null)
            {
                uri.AppendQuery("NextRowKey", nextRowKey);
            }
        }

        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"query table '{Name}'");
        }

        using var document = await JsonDocument.ParseAsync(response.ContentStream!, default, cancellationToken).ConfigureAwait(false);
        var values = document.RootElement.GetProperty("value").EnumerateArray().Select(TableEntityJson.Read).ToList();
        return Page<TableEntity>.FromValues(values, CreateContinuationToken(response), response);
    }

    private async Task<TableEntity?> GetEntityCoreAsync(string partitionKey, string rowKey, IEnumerable<string>? select, bool throwIfAbsent, CancellationToken cancellationToken)
    {
        TableKeys.Validate(partitionKey, nameof(partitionKey));
        TableKeys.Validate(rowKey, nameof(rowKey));
        using var message = CreateMessage(RequestMethod.Get, EntityPath(partitionKey, rowKey), MinimalMetadata);
        AppendSelect(message.Request.Uri, select);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 404 && !throwIfAbsent && ErrorCode(response) != "TableNotFound")
        {
            return null;
        }

        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"get entity ({partitionKey}, {rowKey}) in table '{Name}'");
        }

        using var document = await JsonDocument.ParseAsync(response.ContentStream!, default, cancellationToken).ConfigureAwait(false);
        var entity = TableEntityJson.Read(document.RootElement);
        if (response.Headers.ETag is { } etag)
        {
            entity.ETag = etag;
        }

        return entity;
    }

    private static void AppendSelect(RequestUriBuilder uri, IEnumerable<string>? select)
    {
        if (select is not null && string.Join(',', select) is { Length: > 0 } list)
        {
            uri.AppendQuery("$select", list);
        }
    }

    // The token is "NextPartitionKey NextRowKey" (the service's opaque values contain no spaces), as in Azure.Data.Tables.
    private static string? CreateContinuationToken(Response response)
    {
        if (!response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartitionKey) || string.IsNullOrEmpty(nextPartitionKey))
        {
            return null;
        }

        return response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRowKey) && !string.IsNullOrEmpty(nextRowKey)
            ? nextPartitionKey + " " + nextRowKey
            : nextPartitionKey;
    }

    private static (string NextPartitionKey, string? NextRowKey) ParseContinuationToken(string continuationToken)
    {
        var parts = continuationToken.Split(' ');
        if (parts.Length > 2 || parts[0].Length == 0)
        {
            throw new ArgumentException($"'{continuationToken}' is not a table continuation token (expected \"NextPartitionKey[ NextRowKey]\").", nameof(continuationToken));
        }

        return (parts[0], parts.Length == 2 ? parts[1] : null);
    }
}
