using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;

namespace Marketplace.Functions.Admin;

/// <summary>How the admin routes show a daily (eternal) workflow: its instance, runtime status and custom status (phase, next run, last report).</summary>
internal static class DailyWorkflowView
{
    public static object? Describe(OrchestrationMetadata? daily) => daily is null ? null : new
    {
        id = daily.InstanceId,
        runtimeStatus = daily.RuntimeStatus.ToString(),
        daily.CreatedAt,
        daily.LastUpdatedAt,
        status = daily.SerializedCustomStatus is { Length: > 0 } json ? JsonNode.Parse(json) : null,
    };
}
