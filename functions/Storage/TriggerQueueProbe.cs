using Azure;
using Azure.Storage.Queues;
using Marketplace.Functions.Hosting;
using Marketplace.Functions.Http;
using Marketplace.Functions.Webhooks;
using Microsoft.Extensions.Options;

namespace Marketplace.Functions.Storage;

/// <summary>Reads the properties of every queue the app consumes (the engine's included); a queue not created yet is reachable with no count.</summary>
internal sealed class TriggerQueueProbe(QueueServiceClient queues, FunctionIndex index, IOptions<WebhookOptions> webhooks, IConfiguration configuration) : ITriggerQueueProbe
{
    public async Task<IReadOnlyList<TriggerQueueHealth>> ProbeAsync(CancellationToken cancellationToken)
    {
        var names = index.OfTrigger<Microsoft.Azure.Functions.Worker.QueueTriggerAttribute>().Select(q => BindingExpressions.Resolve(q.Trigger.QueueName, configuration)).Append(webhooks.Value.Queue).Distinct(StringComparer.Ordinal);
        return await Task.WhenAll(names.Select(name => ProbeAsync(name, cancellationToken)));
    }

    private async Task<TriggerQueueHealth> ProbeAsync(string name, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            var properties = await queues.GetQueueClient(name).GetPropertiesAsync(timeout.Token);
            return new TriggerQueueHealth(name, true, properties.Value.ApproximateMessagesCount, null);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return new TriggerQueueHealth(name, true, null, "not created yet");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Any failure (refused, timed out, retries exhausted: AggregateException) is an unreachable queue, never a failed probe.
            return new TriggerQueueHealth(name, false, null, ex.GetType().Name + ": " + ex.Message.Split('\n')[0]);
        }
    }
}
