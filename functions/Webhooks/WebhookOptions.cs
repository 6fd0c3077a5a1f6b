namespace Marketplace.Functions.Webhooks;

/// <summary>Where webhooks are stored: queue <c>Webhooks__Queue</c>, containers <c>Webhooks__Container</c> and <c>Webhooks__DeadLetterContainer</c>.</summary>
internal sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>The configuration key of the inbox queue, bound by the queue trigger's <c>%Webhooks:Queue%</c>.</summary>
    public const string QueueSetting = "Webhooks:Queue";

    public const string DefaultQueue = "webhooks-incoming";

    /// <summary>Queue announcing each accepted webhook (the message carries the delivery, or a blob reference when large).</summary>
    public string Queue { get; set; } = DefaultQueue;

    /// <summary>Container of accepted deliveries whose message would exceed the queue's size limit.</summary>
    public string Container { get; set; } = "webhooks";

    /// <summary>Container of rejected deliveries, raw body and headers kept.</summary>
    public string DeadLetterContainer { get; set; } = "webhooks-deadletter";

    /// <summary>Deliveries up to this many body bytes travel inside the queue message (batched); larger ones are queued as a blob reference.</summary>
    public int InlineBodyLimit { get; set; } = 24 * 1024;
}
