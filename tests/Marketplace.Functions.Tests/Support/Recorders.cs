using System.Collections.Concurrent;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
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

/// <summary>Queue function state shared by a test and the function instances DI creates.</summary>
internal sealed class QueueProbe
{
    /// <summary>The setting naming the probe function's queue.</summary>
    public const string QueueSetting = "Probe:Queue";

    public ConcurrentQueue<QueueMessage> Received { get; } = new();

    public bool Fail { get; set; }

    /// <summary>Set by <see cref="SlowProbeFunction"/> and <see cref="NeverFinishingProbeFunction"/> when they start.</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A queue function on <c>%Probe:Queue%</c> that records each message and fails when told to.</summary>
internal sealed class ProbeQueueFunction(QueueProbe probe)
{
    [Function("ProbeQueue")]
    public Task RunAsync([QueueTrigger("%" + QueueProbe.QueueSetting + "%")] QueueMessage message)
    {
        probe.Received.Enqueue(message);
        return probe.Fail ? throw new InvalidOperationException("handler failed on purpose") : Task.CompletedTask;
    }
}

/// <summary>A queue function on <c>%Probe:Queue%</c> that runs for nine seconds.</summary>
internal sealed class SlowProbeFunction(QueueProbe probe)
{
    [Function("SlowProbe")]
    public async Task RunAsync([QueueTrigger("%" + QueueProbe.QueueSetting + "%")] QueueMessage message, CancellationToken cancellationToken)
    {
        probe.Received.Enqueue(message);
        await Task.Delay(TimeSpan.FromSeconds(9), cancellationToken);
    }
}

/// <summary>A queue function on <c>%Probe:Queue%</c> that never finishes until cancelled.</summary>
internal sealed class NeverFinishingProbeFunction(QueueProbe probe)
{
    [Function("NeverFinishingProbe")]
    public async Task RunAsync([QueueTrigger("%" + QueueProbe.QueueSetting + "%")] string message, CancellationToken cancellationToken)
    {
        probe.Started.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
