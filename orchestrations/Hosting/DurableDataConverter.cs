using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Marketplace.Orchestrations.Hosting;

/// <summary>
/// The one JSON converter for orchestration inputs, outputs, events and custom status, used by the worker shims
/// and by the client alike: camelCase on write, case-insensitive on read. The SDK's default converter reads
/// case-sensitively, so a camelCase input would silently bind default values.
/// </summary>
public static class DurableDataConverter
{
    /// <summary>The serializer settings behind <see cref="Instance"/>.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The shared converter (thread-safe).</summary>
    public static DataConverter Instance { get; } = new JsonDataConverter(SerializerOptions);
}
