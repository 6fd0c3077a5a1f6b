using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Marketplace.Shared.Tests.Secrets;

/// <summary>Keeps every formatted message, with its structured values, for assertions.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
        Messages.Enqueue($"{formatter(state, exception)} | {values} | {exception}");
    }
}
