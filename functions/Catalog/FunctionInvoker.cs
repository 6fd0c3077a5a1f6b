using System.Diagnostics;

namespace Marketplace.Functions.Catalog;

/// <summary>
/// Runs one invocation of a function: a DI scope, a <see cref="FunctionContext"/>, a logging scope carrying
/// the function name and invocation id, and start/finish/failure logs. Exceptions from the handler propagate
/// to the trigger source, which decides what a failure means (HTTP 500, message retry, blob retry).
/// </summary>
internal sealed partial class FunctionInvoker(IServiceScopeFactory scopes, ILogger<FunctionInvoker> logger)
{
    public async Task<(T Result, IReadOnlyList<string> Logs)> InvokeAsync<THandler, T>(
        FunctionDefinition definition,
        string? invocationId,
        Func<THandler, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken)
        where THandler : class
    {
        invocationId = string.IsNullOrEmpty(invocationId) ? Guid.NewGuid().ToString() : invocationId;
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<FunctionContext>();
        context.FunctionName = definition.Name;
        context.InvocationId = invocationId;
        var handler = (THandler)scope.ServiceProvider.GetRequiredService(definition.HandlerType);
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["FunctionName"] = definition.Name, ["InvocationId"] = invocationId });
        var started = Stopwatch.GetTimestamp();
        LogExecuting(definition.Name, invocationId);
        try
        {
            var result = await call(handler, cancellationToken);
            LogExecuted(definition.Name, invocationId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return (result, context.Logs);
        }
        catch (Exception ex)
        {
            LogFailed(ex, definition.Name, invocationId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    public async Task<IReadOnlyList<string>> InvokeAsync<THandler>(
        FunctionDefinition definition,
        string? invocationId,
        Func<THandler, CancellationToken, Task> call,
        CancellationToken cancellationToken)
        where THandler : class
    {
        var (_, logs) = await InvokeAsync<THandler, bool>(definition, invocationId, async (h, ct) =>
        {
            await call(h, ct);
            return true;
        }, cancellationToken);
        return logs;
    }

    [LoggerMessage(1, LogLevel.Debug, "Executing {FunctionName} ({InvocationId})")]
    private partial void LogExecuting(string functionName, string invocationId);

    [LoggerMessage(2, LogLevel.Information, "Executed {FunctionName} ({InvocationId}) in {ElapsedMs:0.0} ms")]
    private partial void LogExecuted(string functionName, string invocationId, double elapsedMs);

    [LoggerMessage(3, LogLevel.Error, "Failed {FunctionName} ({InvocationId}) after {ElapsedMs:0.0} ms")]
    private partial void LogFailed(Exception exception, string functionName, string invocationId, double elapsedMs);
}
