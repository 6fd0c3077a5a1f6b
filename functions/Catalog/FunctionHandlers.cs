namespace Marketplace.Functions.Catalog;

/// <summary>Handles an HTTP-triggered function, the same way whether ASP.NET Core or the Functions host delivered the request.</summary>
internal interface IHttpFunction
{
    Task<HttpFunctionResponse> HandleAsync(HttpFunctionRequest request, CancellationToken cancellationToken);
}

/// <summary>Handles one occurrence of a timer-triggered function.</summary>
internal interface ITimerFunction
{
    Task HandleAsync(TimerInfo timer, CancellationToken cancellationToken);
}

/// <summary>
/// Handles the messages of one queue (registered with <c>FunctionCatalogExtensions.AddQueueFunction</c>).
/// Delivery is at least once: a message whose handling throws is retried and, after the fifth dequeue, moved
/// intact to <c>&lt;queue&gt;-poison</c>; handlers must therefore be idempotent.
/// </summary>
internal interface IQueueMessageHandler
{
    Task HandleAsync(QueueTriggerMessage message, CancellationToken cancellationToken);
}

/// <summary>Handles a new or changed blob under a blob trigger's path; each blob version (name + ETag) is delivered once.</summary>
internal interface IBlobFunction
{
    Task HandleAsync(BlobTriggerInput blob, CancellationToken cancellationToken);
}

/// <summary>The timer's schedule status, as the Functions host passes it (<c>Last</c>, <c>Next</c>, <c>LastUpdated</c>).</summary>
internal sealed record ScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);

/// <summary>The timer trigger's value: <see cref="IsPastDue"/> is true when this occurrence runs later than scheduled (for example after downtime).</summary>
internal sealed record TimerInfo(ScheduleStatus? ScheduleStatus, bool IsPastDue);

/// <summary>A queue message with the trigger metadata the host documents (<c>DequeueCount</c>, <c>Id</c>, <c>PopReceipt</c>, times).</summary>
internal sealed record QueueTriggerMessage(
    string QueueName,
    string Id,
    string Text,
    long DequeueCount,
    DateTimeOffset? InsertionTime,
    DateTimeOffset? ExpirationTime,
    DateTimeOffset? NextVisibleTime,
    string? PopReceipt);

/// <summary>A blob that triggered a function: its container, name (relative to the container), content and ETag.</summary>
internal sealed record BlobTriggerInput(string Container, string Name, ReadOnlyMemory<byte> Content, string? ETag, Uri? Uri)
{
    /// <summary>The <c>BlobTrigger</c> metadata value: <c>container/name</c>.</summary>
    public string Path => Container + "/" + Name;
}

/// <summary>Per-invocation context (scoped): the function, an invocation id, and log lines returned to the host in <c>Logs</c>.</summary>
internal sealed class FunctionContext
{
    public string FunctionName { get; set; } = string.Empty;

    public string InvocationId { get; set; } = string.Empty;

    public List<string> Logs { get; } = [];
}
