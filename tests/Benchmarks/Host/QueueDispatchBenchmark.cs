using System.Diagnostics;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Marketplace.Functions;
using Marketplace.Shared.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Benchmarks.Host;

/// <summary>
/// <c>host.queue.dispatch</c>: messages pre-loaded into a queue, then dispatched by the standalone queue listener
/// (batch receive, handler, delete) until all are handled.
/// </summary>
internal sealed class QueueDispatchBenchmark : IBenchmarkScenario
{
    private const int Messages = 3000;

    public string Name => "host.queue.dispatch";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var azurite = await context.AzuriteAsync();
        var queueName = "bench-dispatch-" + Guid.NewGuid().ToString("N")[..8];
        var queue = azurite.Account.CreateQueueServiceClient(StorageAccount.CreateQueueClientOptions(QueueMessageEncoding.Base64)).GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Messages)
            {
                await queue.SendMessageAsync($$"""{"workItem":{{i}}}""", cancellationToken: cancellationToken);
            }
        }));

        var counter = new DispatchCounter(Messages);
        var started = Stopwatch.GetTimestamp();
        var (app, _) = await BenchmarkApp.StartAsync(new()
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Standalone:StateContainer"] = "bench-state-" + Guid.NewGuid().ToString("N")[..8],
            ["Photos:Container"] = "bench-photos-" + Guid.NewGuid().ToString("N")[..8],
            ["Reconciliation:Schedule"] = "0 0 0 1 1 *",
            ["Standalone:Queues:BatchSize"] = "32",
            ["Standalone:Queues:Receivers"] = "4",
            ["Standalone:Queues:MaxPollingInterval"] = "00:00:00.200",
            [CountingFunction.QueueSetting] = queueName,
        }, s =>
        {
            s.AddSingleton(counter);
            s.AddFunctionClasses(typeof(CountingFunction));
        });
        await using var _ = app;
        while (!counter.AllHandled.Task.IsCompleted)
        {
            await Task.WhenAny(counter.AllHandled.Task, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));
            await Console.Error.WriteLineAsync($"{Name}: {counter.Count}/{Messages} handled after {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"Only {counter.Count} of {Messages} messages were handled in 5 minutes.");
            }
        }

        // From the first message handled to the last: the listener's rate, not the app's start-up.
        var elapsed = Stopwatch.GetElapsedTime(counter.FirstHandledAt, Stopwatch.GetTimestamp()).TotalSeconds;
        context.Report(Name, "messages_per_s", (Messages - 1) / elapsed, "1/s");
    }

    internal sealed class DispatchCounter(int expected)
    {
        private int _handled;
        private int _first;

        public int Count => Volatile.Read(ref _handled);

        public TaskCompletionSource AllHandled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long FirstHandledAt { get; private set; }

        public void Handled()
        {
            if (Interlocked.CompareExchange(ref _first, 1, 0) == 0)
            {
                FirstHandledAt = Stopwatch.GetTimestamp();
            }

            if (Interlocked.Increment(ref _handled) == expected)
            {
                AllHandled.TrySetResult();
            }
        }
    }

    internal sealed class CountingFunction(DispatchCounter counter)
    {
        public const string QueueSetting = "Bench:Queue";

        [Function("BenchCounting")]
        public Task RunAsync([QueueTrigger("%" + QueueSetting + "%")] QueueMessage message)
        {
            counter.Handled();
            return Task.CompletedTask;
        }
    }
}
