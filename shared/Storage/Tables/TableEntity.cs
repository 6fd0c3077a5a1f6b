using System.Collections;
using Azure;

namespace Marketplace.Shared.Storage.Tables;

/// <summary>
/// A Table storage entity: a dictionary of properties plus <see cref="PartitionKey"/>, <see cref="RowKey"/>,
/// the service-maintained <see cref="Timestamp"/> and the <see cref="ETag"/> it was read with (as in
/// Azure.Data.Tables). Values may be <see cref="string"/>, <see cref="bool"/>, <see cref="int"/>,
/// <see cref="long"/>, <see cref="double"/>, <see cref="DateTimeOffset"/> (or <see cref="DateTime"/>, stored
/// as UTC), <see cref="Guid"/>, <c>byte[]</c> or null (a null property is not stored); any other type is
/// rejected with <see cref="ArgumentException"/> when set. Property names are case-sensitive.
/// Not thread-safe.
/// </summary>
public sealed partial class TableEntity : IDictionary<string, object?>
{
    internal const string PartitionKeyName = "PartitionKey";
    internal const string RowKeyName = "RowKey";
    internal const string TimestampName = "Timestamp";

    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    /// <summary>An entity without keys (set <see cref="PartitionKey"/> and <see cref="RowKey"/> before writing it).</summary>
    public TableEntity()
    {
    }

    /// <summary>An entity with its keys; both are validated (see <see cref="TableKeys"/>).</summary>
    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>The partition key (entities with the same key can be written in one transaction).</summary>
    public string PartitionKey
    {
        get => GetString(PartitionKeyName) ?? string.Empty;
        set => _properties[PartitionKeyName] = TableKeys.Validate(value, nameof(PartitionKey));
    }

    /// <summary>The row key, unique within the partition.</summary>
    public string RowKey
    {
        get => GetString(RowKeyName) ?? string.Empty;
        set => _properties[RowKeyName] = TableKeys.Validate(value, nameof(RowKey));
    }

    /// <summary>When the service last modified the entity (read-only on the service; ignored on writes).</summary>
    public DateTimeOffset? Timestamp
    {
        get => GetDateTimeOffset(TimestampName);
        set => _properties[TimestampName] = value;
    }

    /// <summary>The entity's ETag as last read; <c>default</c> for an entity that was not read from the service.</summary>
    public ETag ETag { get; set; }

    /// <inheritdoc />
    public ICollection<string> Keys => _properties.Keys;

    /// <inheritdoc />
    public ICollection<object?> Values => _properties.Values;

    /// <inheritdoc />
    public int Count => _properties.Count;

    bool ICollection<KeyValuePair<string, object?>>.IsReadOnly => false;

    /// <summary>Gets a property (throws <see cref="KeyNotFoundException"/> when absent) or sets it, checking its type.</summary>
    public object? this[string key]
    {
        get => _properties[key];
        set => Set(key, value);
    }

    /// <inheritdoc />
    public void Add(string key, object? value)
    {
        if (_properties.ContainsKey(key))
        {
            throw new ArgumentException($"The entity already has a property '{key}'.", nameof(key));
        }

        Set(key, value);
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    /// <inheritdoc />
    public bool Remove(string key) => _properties.Remove(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out object? value) => _properties.TryGetValue(key, out value);

    /// <inheritdoc />
    public void Clear() => _properties.Clear();

    void ICollection<KeyValuePair<string, object?>>.Add(KeyValuePair<string, object?> item) => Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<string, object?>>.Contains(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);

    void ICollection<KeyValuePair<string, object?>>.CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<string, object?>>.Remove(KeyValuePair<string, object?> item) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Stores a value already known to be of a supported type (used when reading from the wire).</summary>
    internal void SetRaw(string key, object? value) => _properties[key] = value;

    private void Set(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        switch (key)
        {
            case PartitionKeyName:
                PartitionKey = value as string ?? throw new ArgumentException("PartitionKey must be a string.", nameof(value));
                return;
            case RowKeyName:
                RowKey = value as string ?? throw new ArgumentException("RowKey must be a string.", nameof(value));
                return;
        }

        _properties[key] = value switch
        {
            null or string or bool or int or long or double or DateTimeOffset or Guid or byte[] => value,
            DateTime dateTime => TableEntityJson.ToDateTimeOffset(dateTime),
            _ => throw new ArgumentException(
                $"Property '{key}' has type {value.GetType().Name}, which Table storage cannot hold; use string, bool, int, long, double, DateTimeOffset, DateTime, Guid or byte[].",
                nameof(value)),
        };
    }
}
