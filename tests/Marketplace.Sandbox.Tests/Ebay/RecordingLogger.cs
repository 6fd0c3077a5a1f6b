using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Marketplace.Sandbox.Tests.Ebay;

/// <summary>Keeps every formatted log line (and its structured values) to prove what was, or was not, logged.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
        Lines.Enqueue($"{formatter(state, exception)} | {values} | {exception}");
    }
}
