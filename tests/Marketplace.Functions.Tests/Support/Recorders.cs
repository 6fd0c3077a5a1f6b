using System.Collections.Concurrent;
using Marketplace.Functions.Catalog;
using Marketplace.Functions.Photos;
using Marketplace.Functions.Timers;

namespace Marketplace.Functions.Tests.Support;

/// <summary>Records reconciliation starts (shared between app instances of one test).</summary>
internal sealed class ReconciliationRecorder : IReconciliationStarter
{
    public ConcurrentQueue<ReconciliationRequest> Requests { get; } = new();

    public Task StartAsync(ReconciliationRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.CompletedTask;
    }
}

/// <summary>Records photo arrivals.</summary>
internal sealed class PhotoRecorder : IPhotoPipeline
{
    public ConcurrentQueue<PhotoArrival> Photos { get; } = new();

    public Task StartAsync(PhotoArrival photo, CancellationToken cancellationToken)
    {
        Photos.Enqueue(photo);
        return Task.CompletedTask;
    }
}

/// <summary>Queue handler state shared by a test and the handler instances DI creates.</summary>
internal sealed class QueueProbe
{
    public ConcurrentQueue<QueueTriggerMessage> Received { get; } = new();

    public bool Fail { get; set; }
}

internal sealed class ProbeQueueHandler(QueueProbe probe) : IQueueMessageHandler
{
    public Task HandleAsync(QueueTriggerMessage message, CancellationToken cancellationToken)
    {
        probe.Received.Enqueue(message);
        return probe.Fail ? throw new InvalidOperationException("handler failed on purpose") : Task.CompletedTask;
    }
}
