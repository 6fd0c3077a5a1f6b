namespace Marketplace.Shared.Storage.Tables;

public sealed partial class TableEntity
{
    /// <summary>The string value, or null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public string? GetString(string key) => Get<string>(key);

    /// <summary>The <see cref="bool"/> value, or null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public bool? GetBoolean(string key) => GetStruct<bool>(key);

    /// <summary>The <see cref="int"/> value, or null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public int? GetInt32(string key) => GetStruct<int>(key);

    /// <summary>The <see cref="long"/> value (an <see cref="int"/> is widened), or null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public long? GetInt64(string key) => TryGetValue(key, out var value) && value is int i ? i : GetStruct<long>(key);

    /// <summary>The <see cref="double"/> value (an <see cref="int"/> is widened), or null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public double? GetDouble(string key) => TryGetValue(key, out var value) && value is int i ? i : GetStruct<double>(key);

    /// <summary>The <see cref="DateTimeOffset"/> value, or null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public DateTimeOffset? GetDateTimeOffset(string key) => GetStruct<DateTimeOffset>(key);

    /// <summary>The <see cref="Guid"/> value, or null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public Guid? GetGuid(string key) => GetStruct<Guid>(key);

    /// <summary>The binary value, or null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public byte[]? GetBinary(string key) => Get<byte[]>(key);

    private T? Get<T>(string key)
        where T : class =>
        !_properties.TryGetValue(key, out var value) || value is null ? null
        : value as T ?? throw WrongType(key, value, typeof(T));

    private T? GetStruct<T>(string key)
        where T : struct =>
        !_properties.TryGetValue(key, out var value) || value is null ? null
        : value is T typed ? typed : throw WrongType(key, value, typeof(T));

    private static InvalidOperationException WrongType(string key, object value, Type wanted) =>
        new($"Property '{key}' holds a {value.GetType().Name}, not a {wanted.Name}.");
}
