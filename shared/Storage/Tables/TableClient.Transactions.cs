using System.Text;
using Azure;
using Azure.Core;

namespace Marketplace.Shared.Storage.Tables;

public sealed partial class TableClient
{
    /// <summary>The most operations one entity group transaction may hold.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>
    /// Commits up to 100 operations on entities of one partition atomically (an entity group transaction,
    /// sent as one signed <c>multipart/mixed</c> <c>$batch</c> request): either all are applied or none.
    /// Each entity may appear only once. The request is retried on transient failures like any other, so a
    /// transaction whose response was lost may be reported as failed (e.g. 409 on its Add) after it committed.
    /// </summary>
    /// <returns>One result per action, in order, with the new ETags.</returns>
    /// <exception cref="ArgumentException">No actions, more than 100, several partitions, a repeated row key or an invalid key; nothing is sent.</exception>
    /// <exception cref="TableTransactionFailedException">The service rejected an operation; none was applied.</exception>
    public async Task<IReadOnlyList<TableTransactionResult>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var list = actions.ToList();
        ValidateTransaction(list);
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("N");
        var body = BuildBatchBody(list, batchBoundary, changesetBoundary);

        using var message = CreateMessage(RequestMethod.Post, "$batch", NoMetadata);
        message.Request.Headers.SetValue("Content-Type", $"multipart/mixed; boundary={batchBoundary}");
        message.Request.Content = RequestContent.Create(body);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 202)
        {
            throw StorageErrors.CreateException(response, $"transaction on table '{Name}'");
        }

        var parts = TableBatchResponse.Parse(response.Content.ToString());
        var failure = parts.FirstOrDefault(p => p.Status >= 300);
        if (failure is not null || parts.Count != list.Count)
        {
            throw CreateTransactionException(failure, list.Count, parts.Count);
        }

        return parts.Select((p, i) => new TableTransactionResult(i, p.Status, p.ETag is { } etag ? new ETag(etag) : default)).ToList();
    }

    private TableTransactionFailedException CreateTransactionException(TableBatchResponse.Part? failure, int sent, int received)
    {
        if (failure is null)
        {
            return new TableTransactionFailedException(500, $"Storage transaction on table '{Name}' returned {received} results for {sent} actions.", null, null);
        }

        var (code, detail) = TableBatchResponse.ParseError(failure.Body);
        var index = TableBatchResponse.ParseFailedIndex(detail);
        if (index is { } i && (i < 0 || i >= sent))
        {
            index = null;
        }

        var message = $"Storage transaction on table '{Name}' failed with {failure.Status} {failure.Reason}" +
            (code is null ? string.Empty : $" ({code})") +
            (index is null ? string.Empty : $" at action {index}") +
            (detail is null ? string.Empty : $": {detail.Split('\n')[0]}") + "; no action was applied.";
        return new TableTransactionFailedException(failure.Status, message, code, index);
    }

    private static void ValidateTransaction(List<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            throw new ArgumentException("A transaction needs at least one action.", nameof(actions));
        }

        if (actions.Count > MaxTransactionActions)
        {
            throw new ArgumentException($"A transaction holds at most {MaxTransactionActions} actions; got {actions.Count}. Split it into several transactions.", nameof(actions));
        }

        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i] ?? throw new ArgumentException($"Action {i} is null.", nameof(actions));
            CheckKeys(action.Entity);
            if (action.Entity.PartitionKey != actions[0].Entity.PartitionKey)
            {
                throw new ArgumentException(
                    $"All actions of a transaction must share one partition key: action 0 has '{actions[0].Entity.PartitionKey}', action {i} has '{action.Entity.PartitionKey}'.",
                    nameof(actions));
            }

            if (!rowKeys.Add(action.Entity.RowKey))
            {
                throw new ArgumentException($"Action {i} repeats row key '{action.Entity.RowKey}'; an entity may appear only once in a transaction.", nameof(actions));
            }
        }
    }

    private byte[] BuildBatchBody(List<TableTransactionAction> actions, string batchBoundary, string changesetBoundary)
    {
        var builder = new StringBuilder();
        builder.Append("--").Append(batchBoundary).Append("\r\n");
        builder.Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
        foreach (var action in actions)
        {
            builder.Append("--").Append(changesetBoundary).Append("\r\n");
            builder.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            AppendOperation(builder, action);
        }

        builder.Append("--").Append(changesetBoundary).Append("--\r\n");
        builder.Append("--").Append(batchBoundary).Append("--\r\n");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private void AppendOperation(StringBuilder builder, TableTransactionAction action)
    {
        var entity = action.Entity;
        var entityUri = AbsoluteUri(EntityPath(entity.PartitionKey, entity.RowKey));
        var (method, uri, ifMatch, hasBody) = action.ActionType switch
        {
            TableTransactionActionType.Add => ("POST", AbsoluteUri(Name), null, true),
            TableTransactionActionType.UpdateMerge => ("PATCH", entityUri, IfMatch(action.ETag), true),
            TableTransactionActionType.UpdateReplace => ("PUT", entityUri, IfMatch(action.ETag), true),
            TableTransactionActionType.UpsertMerge => ("PATCH", entityUri, (string?)null, true),
            TableTransactionActionType.UpsertReplace => ("PUT", entityUri, null, true),
            TableTransactionActionType.Delete => ("DELETE", entityUri, IfMatch(action.ETag), false),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Unknown transaction action type."),
        };

        builder.Append(method).Append(' ').Append(uri.AbsoluteUri).Append(" HTTP/1.1\r\n");
        builder.Append("Accept: ").Append(NoMetadata).Append("\r\n");
        builder.Append("DataServiceVersion: 3.0\r\n");
        if (ifMatch is not null)
        {
            builder.Append("If-Match: ").Append(ifMatch).Append("\r\n");
        }

        if (!hasBody)
        {
            builder.Append("\r\n");
            return;
        }

        if (action.ActionType == TableTransactionActionType.Add)
        {
            builder.Append("Prefer: return-no-content\r\n");
        }

        builder.Append("Content-Type: application/json\r\n\r\n");
        builder.Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(entity))).Append("\r\n");
    }
}
