using Azure;
using Azure.Data.Tables;

namespace Marketplace.DurableWorker;

/// <summary>
/// A side effect that is not idempotent by nature (a counter per business key) made idempotent by an effect key:
/// the effect's marker row and the counter change commit in one table transaction, so an effect key moves the
/// counter at most once however often its activity runs. Attempts are logged separately.
/// </summary>
public sealed class EffectLedger(TableClient table)
{
    private const string CounterRow = "counter";

    public TableClient Table => table;

    /// <summary>Applies the effect unless its key was applied before; true when this call applied it.</summary>
    public async Task<bool> ApplyOnceAsync(string businessKey, string effectKey, int value, CancellationToken cancellationToken = default)
    {
        var marker = new TableEntity(businessKey, MarkerRow(effectKey)) { ["Value"] = value };
        while (true)
        {
            var counter = await table.GetEntityIfExistsAsync<TableEntity>(businessKey, CounterRow, cancellationToken: cancellationToken);
            TableTransactionAction change = counter.HasValue && counter.Value is { } current
                ? new(TableTransactionActionType.UpdateMerge, new TableEntity(businessKey, CounterRow)
                {
                    ["Count"] = current.GetInt32("Count")!.Value + 1,
                    ["Sum"] = current.GetInt32("Sum")!.Value + value,
                }, current.ETag)
                : new(TableTransactionActionType.Add, new TableEntity(businessKey, CounterRow) { ["Count"] = 1, ["Sum"] = value });
            try
            {
                await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, marker), change], cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException)
            {
                // Either the marker exists (applied before: done) or another effect moved the counter first (try again).
                if ((await table.GetEntityIfExistsAsync<TableEntity>(businessKey, marker.RowKey, cancellationToken: cancellationToken)).HasValue)
                {
                    return false;
                }
            }
        }
    }

    /// <summary>Logs one execution attempt of an effect (every run, applied or not).</summary>
    public Task RecordAttemptAsync(string businessKey, string effectKey, CancellationToken cancellationToken = default) =>
        table.AddEntityAsync(new TableEntity(AttemptPartition(businessKey), Guid.NewGuid().ToString("N")) { ["Effect"] = effectKey }, cancellationToken);

    /// <summary>What the table says about one business key.</summary>
    public async Task<EffectSummary> ReadAsync(string businessKey, CancellationToken cancellationToken = default)
    {
        var markers = new List<(string Key, int Value)>();
        var counter = (Count: 0, Sum: 0);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == businessKey, cancellationToken: cancellationToken))
        {
            if (row.RowKey == CounterRow)
            {
                counter = (row.GetInt32("Count")!.Value, row.GetInt32("Sum")!.Value);
            }
            else
            {
                markers.Add((row.RowKey["effect|".Length..], row.GetInt32("Value")!.Value));
            }
        }

        var attempts = 0;
        var attemptPartition = AttemptPartition(businessKey);
        await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == attemptPartition, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            attempts++;
        }

        return new EffectSummary(markers, counter.Count, counter.Sum, attempts);
    }

    private static string MarkerRow(string effectKey) => "effect|" + effectKey;

    private static string AttemptPartition(string businessKey) => "attempts|" + businessKey;
}

/// <summary>The applied effects (markers), the counter they moved, and how many times effects were attempted.</summary>
public sealed record EffectSummary(IReadOnlyList<(string Key, int Value)> Effects, int CounterCount, int CounterSum, int Attempts);
