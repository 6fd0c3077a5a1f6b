using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Marketplace.Functions.Admin;

/// <summary>The management URLs of one instance, as Durable's <c>CreateCheckStatusResponse</c> returns them.</summary>
internal sealed record ManagementUrls(string Id, string StatusQueryGetUri, string SendEventPostUri, string TerminatePostUri, string PurgeHistoryDeleteUri)
{
    internal static ManagementUrls For(HttpRequest request, string instanceId)
    {
        var path = request.Path.Value ?? string.Empty;
        var marker = path.IndexOf("/orchestrators/", StringComparison.Ordinal);
        if (marker < 0)
        {
            marker = path.IndexOf("/instances", StringComparison.Ordinal);
        }

        var prefix = marker < 0 ? DurableManagementEndpoints.DefaultPrefix : path[..marker];
        var instance = $"{request.Scheme}://{request.Host}{request.PathBase}{prefix}/instances/{Uri.EscapeDataString(instanceId)}";
        return new ManagementUrls(
            instanceId,
            instance,
            instance + "/raiseEvent/{eventName}",
            instance + "/terminate?reason={text}",
            instance);
    }
}

/// <summary>The status document of <c>GET instances/{id}</c>.</summary>
internal sealed record InstanceStatus(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    JsonElement? Input,
    JsonElement? CustomStatus,
    JsonElement? Output,
    string CreatedTime,
    string LastUpdatedTime,
    TaskFailureDetails? FailureDetails)
{
    public static InstanceStatus From(OrchestrationMetadata instance, bool showInput) => new(
        instance.Name,
        instance.InstanceId,
        instance.RuntimeStatus.ToString(),
        showInput ? Parse(instance.SerializedInput) : null,
        Parse(instance.SerializedCustomStatus),
        Parse(instance.SerializedOutput),
        instance.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        instance.LastUpdatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        instance.FailureDetails);

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
