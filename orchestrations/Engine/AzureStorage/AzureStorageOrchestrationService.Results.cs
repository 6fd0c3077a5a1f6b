namespace Marketplace.Orchestrations.Engine.AzureStorage;

/// <content>
/// Activity results: batched per orchestration instance into as few control messages as possible. A batch is sent
/// when no other activity of the instance is running in this worker, when it is full, or after a short wait.
/// </content>
public sealed partial class AzureStorageOrchestrationService
{
    private static readonly TimeSpan ResultBatchWindow = TimeSpan.FromMilliseconds(20);
    private readonly object _resultsGate = new();
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PendingResult>> _pendingResults = new(StringComparer.Ordinal);

    private sealed record PendingResult(TaskMessage Response, AzureActivityWorkItem Item, TaskCompletionSource Sent);

    private void TrackInFlight(string instanceId, int delta)
    {
        lock (_resultsGate)
        {
            var count = _inFlight.GetValueOrDefault(instanceId) + delta;
            if (count <= 0)
            {
                _inFlight.Remove(instanceId);
            }
            else
            {
                _inFlight[instanceId] = count;
            }
        }
    }

    /// <summary>Sends the result (batched with others for the same instance), then deletes the activity message once all of its activities reported.</summary>
    public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var item = (AzureActivityWorkItem)workItem;
        var instanceId = response.InstanceId;
        var pending = new PendingResult(response, item, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool flushNow, startTimer;
        lock (_resultsGate)
        {
            if (!_pendingResults.TryGetValue(instanceId, out var list))
            {
                _pendingResults[instanceId] = list = [];
            }

            list.Add(pending);
            var running = _inFlight.GetValueOrDefault(instanceId) - 1;
            if (running <= 0)
            {
                _inFlight.Remove(instanceId);
            }
            else
            {
                _inFlight[instanceId] = running;
            }

            flushNow = running <= 0 || list.Count >= QueueEnvelope.MaxBatch;
            startTimer = !flushNow && list.Count == 1;
        }

        if (flushNow)
        {
            _ = FlushResultsAsync(instanceId);
        }
        else if (startTimer)
        {
            _ = Task.Delay(ResultBatchWindow, _time, CancellationToken.None).ContinueWith(_ => FlushResultsAsync(instanceId), TaskScheduler.Default).Unwrap();
        }

        await pending.Sent.Task.WaitAsync(cancellationToken);
    }

    private async Task FlushResultsAsync(string instanceId)
    {
        List<PendingResult>? batch;
        lock (_resultsGate)
        {
            if (!_pendingResults.Remove(instanceId, out batch) || batch.Count == 0)
            {
                return;
            }
        }

        try
        {
            var texts = await _envelope.EncodeAsync(batch.Select(p => p.Response), CancellationToken.None);
            await SendAllAsync([.. texts.Select(t => new HistoryStore.OutboxEntry(false, instanceId, t, null))], CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Not sent: the worker abandons these items and their messages are redelivered.
            foreach (var pending in batch)
            {
                pending.Sent.TrySetException(ex);
            }

            return;
        }

        CrashPoints.Hit(CrashPoints.AfterSend);
        foreach (var pending in batch)
        {
            try
            {
                await FinishAsync(pending.Item.Lease);
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or IOException)
            {
                // The result is sent; an undeleted activity message only runs the activity again (duplicate result dropped).
                Log.CleanupFailed(_logger, pending.Response.InstanceId, ex);
            }
            finally
            {
                pending.Sent.TrySetResult();
            }
        }
    }
}
