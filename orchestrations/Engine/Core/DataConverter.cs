using System.Text.Json;

namespace Marketplace.Orchestrations.Engine;

/// <summary>Serializes inputs, outputs, events and custom status as JSON (System.Text.Json, web defaults).</summary>
public sealed class DataConverter
{
    private readonly JsonSerializerOptions _options;

    public DataConverter(JsonSerializerOptions? options = null) => _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);

    /// <summary>The shared default converter.</summary>
    public static DataConverter Default { get; } = new();

    /// <summary>JSON text for <paramref name="value"/>; null stays null.</summary>
    public string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), _options);

    /// <summary>The value of <paramref name="data"/> as <typeparamref name="T"/>; null text gives default.</summary>
    public T? Deserialize<T>(string? data) => data is null ? default : JsonSerializer.Deserialize<T>(data, _options);

    /// <summary>The value of <paramref name="data"/> as <paramref name="type"/>; null text gives null.</summary>
    public object? Deserialize(string? data, Type type) => data is null ? null : JsonSerializer.Deserialize(data, type, _options);
}
