using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Marketplace.Shared.Storage.Tables;

/// <summary>
/// Operations on one table and its entities (names and semantics of Azure.Data.Tables' <c>TableClient</c>).
/// Thread-safe. Failures surface as <see cref="RequestFailedException"/> carrying the HTTP status and the
/// service's error code, e.g. 409 <c>EntityAlreadyExists</c> or 412 <c>UpdateConditionNotSatisfied</c>
/// (see <see cref="StorageErrors"/>). Transient failures (408/429/500/503, network) are retried by the
/// pipeline, so a write may reach the service more than once: an insert retried after a lost response can
/// report 409 although it succeeded.
/// </summary>
public sealed partial class TableClient
{
    private const string NoMetadata = "application/json;odata=nometadata";
    private const string MinimalMetadata = "application/json;odata=minimalmetadata";

    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    internal TableClient(HttpPipeline pipeline, Uri endpoint, string name)
    {
        _pipeline = pipeline;
        _endpoint = endpoint;
        Name = name;
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>Creates the table unless it exists; true when this call created it.</summary>
    /// <exception cref="RequestFailedException">409 <c>TableBeingDeleted</c> for some 40 s after a delete on Azure (Azurite allows it at once).</exception>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, "Tables", NoMetadata);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes($$"""{"TableName":"{{Name}}"}"""));
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response.Status switch
        {
            201 or 204 => true,
            409 when ErrorCode(message.Response) == "TableAlreadyExists" => false,
            _ => throw StorageErrors.CreateException(message.Response, $"create table '{Name}'"),
        };
    }

    /// <summary>Deletes the table with all its entities; false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, $"Tables('{Name}')", NoMetadata);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response.Status switch
        {
            204 => true,
            404 => false,
            _ => throw StorageErrors.CreateException(message.Response, $"delete table '{Name}'"),
        };
    }

    /// <summary>Inserts a new entity.</summary>
    /// <returns>The new entity's ETag.</returns>
    /// <exception cref="RequestFailedException">409 <c>EntityAlreadyExists</c> when the keys are taken.</exception>
    public async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        CheckKeys(entity);
        using var message = CreateMessage(RequestMethod.Post, Name, NoMetadata);
        SetEntityContent(message, entity);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        return await SendWriteAsync(message, 204, $"add entity {Describe(entity)}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts the entity, or merges into / replaces the stored one, unconditionally.</summary>
    /// <returns>The entity's new ETag.</returns>
    public async Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        CheckKeys(entity);
        using var message = CreateMessage(WriteMethod(mode), EntityPath(entity.PartitionKey, entity.RowKey), NoMetadata);
        SetEntityContent(message, entity);
        return await SendWriteAsync(message, 204, $"upsert entity {Describe(entity)}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Merges into or replaces an existing entity if its ETag still equals <paramref name="ifMatch"/>
    /// (<see cref="ETag.All"/> or <c>default</c>: whatever its ETag).
    /// </summary>
    /// <returns>The entity's new ETag.</returns>
    /// <exception cref="RequestFailedException">412 <c>UpdateConditionNotSatisfied</c> when the ETag is stale; 404 when absent.</exception>
    public async Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        CheckKeys(entity);
        using var message = CreateMessage(WriteMethod(mode), EntityPath(entity.PartitionKey, entity.RowKey), NoMetadata);
        message.Request.Headers.SetValue("If-Match", IfMatch(ifMatch));
        SetEntityContent(message, entity);
        return await SendWriteAsync(message, 204, $"update entity {Describe(entity)}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an entity if its ETag equals <paramref name="ifMatch"/> (<c>default</c>: any ETag).</summary>
    /// <returns>True when deleted, false when there was no such entity.</returns>
    /// <exception cref="RequestFailedException">412 <c>UpdateConditionNotSatisfied</c> when the ETag is stale.</exception>
    public async Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        TableKeys.Validate(partitionKey, nameof(partitionKey));
        TableKeys.Validate(rowKey, nameof(rowKey));
        using var message = CreateMessage(RequestMethod.Delete, EntityPath(partitionKey, rowKey), NoMetadata);
        message.Request.Headers.SetValue("If-Match", IfMatch(ifMatch));
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response.Status switch
        {
            204 => true,
            404 when ErrorCode(message.Response) != "TableNotFound" => false,
            _ => throw StorageErrors.CreateException(message.Response, $"delete entity ({partitionKey}, {rowKey}) in table '{Name}'"),
        };
    }

    internal static string IfMatch(ETag etag) => etag == default ? "*" : etag.ToString("H");

    internal static RequestMethod WriteMethod(TableUpdateMode mode) => mode switch
    {
        TableUpdateMode.Merge => RequestMethod.Patch,
        TableUpdateMode.Replace => RequestMethod.Put,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown update mode."),
    };

    internal static void CheckKeys(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!entity.ContainsKey(TableEntity.PartitionKeyName) || !entity.ContainsKey(TableEntity.RowKeyName))
        {
            throw new ArgumentException("The entity needs both a PartitionKey and a RowKey.", nameof(entity));
        }

        TableKeys.Validate(entity.PartitionKey, nameof(entity.PartitionKey));
        TableKeys.Validate(entity.RowKey, nameof(entity.RowKey));
    }

    /// <summary>The relative entity path, keys quoted ('' for ') and percent-encoded.</summary>
    internal string EntityPath(string partitionKey, string rowKey) =>
        $"{Name}(PartitionKey='{Escape(partitionKey)}',RowKey='{Escape(rowKey)}')";

    internal Uri AbsoluteUri(string relativePath) => new(_endpoint.AbsoluteUri + relativePath);

    private static string Escape(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private string Describe(TableEntity entity) => $"({entity.PartitionKey}, {entity.RowKey}) in table '{Name}'";

    private HttpMessage CreateMessage(RequestMethod method, string relativePath, string accept)
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(_endpoint);
        request.Uri.AppendPath(relativePath, escape: false);
        request.Headers.SetValue("Accept", accept);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    private static void SetEntityContent(HttpMessage message, TableEntity entity)
    {
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(TableEntityJson.Serialize(entity));
    }

    private async Task<ETag> SendWriteAsync(HttpMessage message, int expected, string operation, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status != expected)
        {
            throw StorageErrors.CreateException(message.Response, operation);
        }

        return message.Response.Headers.ETag ?? default;
    }

    private static string? ErrorCode(Response response) =>
        response.Headers.TryGetValue("x-ms-error-code", out var code) ? code : StorageErrors.CreateException(response, string.Empty).ErrorCode;
}
