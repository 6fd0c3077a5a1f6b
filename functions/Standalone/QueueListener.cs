using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Marketplace.Functions.Hosting;

namespace Marketplace.Functions.Standalone;

/// <summary>
/// The standalone queue trigger for one function, modelled on the Functions host: batch receive (by
/// <see cref="QueueSourceOptions.Receivers"/> concurrent receive loops), a bounded number of messages in flight,
/// visibility renewed while the function runs, delete on success, visible again on failure, and after
/// <see cref="QueueSourceOptions.MaxDequeueCount"/> dequeues the message is moved intact to <c>&lt;queue&gt;-poison</c>.
/// On shutdown it stops receiving, lets in-flight invocations finish within the drain timeout, and makes the
/// messages of those that do not finish visible again (nothing is lost; they are delivered again).
/// </summary>
internal sealed partial class QueueListener(
    FunctionEntry function,
    QueueClient queue,
    QueueClient poison,
    QueueSourceOptions options,
    FunctionInvoker invoker,
    TimeProvider time,
    ILogger logger)
{
    public const string PoisonSuffix = "-poison";
    private readonly SemaphoreSlim _slots = new(options.BatchSize * (options.Receivers + 1), options.BatchSize * (options.Receivers + 1));

    /// <summary>Runs until <paramref name="stopping"/>; in-flight work then gets <paramref name="drain"/> to finish.</summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken drain)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: stopping);
        await Task.WhenAll(Enumerable.Range(0, options.Receivers).Select(_ => ReceiveLoopAsync(stopping, drain)));
    }

    private async Task ReceiveLoopAsync(CancellationToken stopping, CancellationToken drain)
    {
        var inFlight = new List<Task>();
        var idle = TimeSpan.Zero;
        while (!stopping.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                await WaitForSlotsAsync(options.BatchSize, stopping);
                messages = (await queue.ReceiveMessagesAsync(options.BatchSize, options.VisibilityTimeout, stopping)).Value;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or IOException or AggregateException)
            {
                // Storage down longer than the SDK's retries: keep polling, the listener never dies of it.
                LogReceiveFailed(ex, queue.Name);
                messages = [];
            }

            inFlight.RemoveAll(t => t.IsCompleted);
            if (messages.Length == 0)
            {
                idle = idle == TimeSpan.Zero ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, options.MaxPollingInterval.Ticks));
                await DelayAsync(idle, stopping);
                continue;
            }

            idle = TimeSpan.Zero;
            foreach (var message in messages)
            {
                await _slots.WaitAsync(CancellationToken.None);
                inFlight.Add(ProcessAsync(message, drain));
            }
        }

        await Task.WhenAll(inFlight);
    }

    private async Task WaitForSlotsAsync(int needed, CancellationToken stopping)
    {
        // Fetch the next batch once at least a batch's worth of slots is free (the host's newBatchThreshold).
        while (_slots.CurrentCount < needed)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), time, stopping);
        }
    }

    private async Task ProcessAsync(QueueMessage received, CancellationToken drain)
    {
        var lease = new MessageLease(received.MessageId, received.PopReceipt);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(drain);
        var renewing = RenewVisibilityAsync(lease, renewal.Token);
        var bindingData = new Dictionary<string, object?>
        {
            ["Id"] = received.MessageId, ["DequeueCount"] = received.DequeueCount, ["PopReceipt"] = received.PopReceipt,
        };
        Exception? failure = null;
        try
        {
            await invoker.InvokeAsync(function, TriggerValue(received), bindingData, drain);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
        }

        try
        {
            await SettleAsync(received, lease, failure, drain);
        }
        catch (RequestFailedException ex)
        {
            // The message stays in the queue and comes back after its visibility timeout: delivered again, not lost.
            LogSettleFailed(ex, queue.Name, received.MessageId);
        }
        finally
        {
            _slots.Release();
        }
    }

    private object TriggerValue(QueueMessage message)
    {
        var type = function.TriggerParameter.ParameterType;
        return type == typeof(QueueMessage) ? message
            : type == typeof(string) ? message.Body.ToString()
            : type == typeof(BinaryData) ? message.Body
            : type == typeof(byte[]) ? message.Body.ToArray()
            : throw new InvalidOperationException($"Function '{function.Name}': a queue trigger binds QueueMessage, string, BinaryData or byte[], not {type.Name}.");
    }

    private async Task SettleAsync(QueueMessage received, MessageLease lease, Exception? failure, CancellationToken drain)
    {
        if (failure is null)
        {
            await queue.DeleteMessageAsync(received.MessageId, lease.PopReceipt, CancellationToken.None);
            return;
        }

        if (failure is OperationCanceledException && drain.IsCancellationRequested)
        {
            await queue.UpdateMessageAsync(received.MessageId, lease.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
            LogAbandoned(queue.Name, received.MessageId);
            return;
        }

        if (received.DequeueCount >= options.MaxDequeueCount)
        {
            // Copy first, then delete with the receipt in force now (renewals replace it): a failure in between
            // leaves a duplicate, never a loss. The body is sent as received (same encoding as the trigger queue).
            await poison.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            await poison.SendMessageAsync(received.Body, cancellationToken: CancellationToken.None);
            await queue.DeleteMessageAsync(received.MessageId, lease.PopReceipt, CancellationToken.None);
            LogPoisoned(queue.Name, received.MessageId, received.DequeueCount);
            return;
        }

        await queue.UpdateMessageAsync(received.MessageId, lease.PopReceipt, visibilityTimeout: options.RetryDelay, cancellationToken: CancellationToken.None);
    }

    private async Task RenewVisibilityAsync(MessageLease lease, CancellationToken cancellationToken)
    {
        var interval = options.VisibilityTimeout / 2;
        while (true)
        {
            try
            {
                await Task.Delay(interval, time, cancellationToken);
                var receipt = await queue.UpdateMessageAsync(lease.MessageId, lease.PopReceipt, visibilityTimeout: options.VisibilityTimeout, cancellationToken: cancellationToken);
                lease.PopReceipt = receipt.Value.PopReceipt;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RequestFailedException ex)
            {
                LogRenewFailed(ex, queue.Name, lease.MessageId);
                return;
            }
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, time, stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop condition ends the listener.
        }
    }

    private sealed class MessageLease(string messageId, string popReceipt)
    {
        public string MessageId { get; } = messageId;

        public string PopReceipt { get; set; } = popReceipt;
    }

    [LoggerMessage(40, LogLevel.Warning, "Receiving from queue {Queue} failed; retrying")]
    private partial void LogReceiveFailed(Exception exception, string queue);

    [LoggerMessage(41, LogLevel.Warning, "Settling message {MessageId} of queue {Queue} failed; it becomes visible again after its timeout")]
    private partial void LogSettleFailed(Exception exception, string queue, string messageId);

    [LoggerMessage(42, LogLevel.Information, "Message {MessageId} of queue {Queue} abandoned at shutdown (visible again)")]
    private partial void LogAbandoned(string queue, string messageId);

    [LoggerMessage(43, LogLevel.Error, "Message {MessageId} of queue {Queue} moved to the poison queue after {DequeueCount} dequeues")]
    private partial void LogPoisoned(string queue, string messageId, long dequeueCount);

    [LoggerMessage(44, LogLevel.Warning, "Renewing visibility of message {MessageId} in queue {Queue} failed")]
    private partial void LogRenewFailed(Exception exception, string queue, string messageId);
}
