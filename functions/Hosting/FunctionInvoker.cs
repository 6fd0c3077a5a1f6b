using System.Diagnostics;
using System.Reflection;

namespace Marketplace.Functions.Hosting;

/// <summary>
/// Runs a function in the standalone host: creates its class from DI, binds its parameters (the trigger value, binding
/// data such as route values or the blob name by parameter name, <see cref="CancellationToken"/>, otherwise services),
/// and logs start, finish and failure within a scope carrying the function name and invocation id. Exceptions
/// propagate to the trigger source, which decides what a failure means (HTTP 500, message retry, blob retry).
/// </summary>
internal sealed partial class FunctionInvoker(IServiceScopeFactory scopes, ILogger<FunctionInvoker> logger)
{
    /// <summary>Invokes <paramref name="function"/> in a new DI scope.</summary>
    public async Task<object?> InvokeAsync(FunctionEntry function, object? trigger, IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await InvokeAsync(function, scope.ServiceProvider, trigger, bindingData, cancellationToken);
    }

    /// <summary>Invokes <paramref name="function"/> with the services of a scope the caller owns (an HTTP request's).</summary>
    public async Task<object?> InvokeAsync(FunctionEntry function, IServiceProvider services, object? trigger, IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken)
    {
        var invocationId = Guid.NewGuid().ToString();
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["FunctionName"] = function.Name, ["InvocationId"] = invocationId });
        var started = Stopwatch.GetTimestamp();
        LogExecuting(function.Name, invocationId);
        try
        {
            var method = function.Method;
            var target = method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(services, method.DeclaringType!);
            var arguments = method.GetParameters().Select(p => Bind(p, function, services, trigger, bindingData, cancellationToken)).ToArray();
            var result = await UnwrapAsync(method, method.Invoke(target, arguments));
            LogExecuted(function.Name, invocationId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
        catch (Exception ex)
        {
            var failure = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
            LogFailed(failure, function.Name, invocationId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            throw;
        }
    }

    private static object? Bind(ParameterInfo parameter, FunctionEntry function, IServiceProvider services, object? trigger,
        IReadOnlyDictionary<string, object?> bindingData, CancellationToken cancellationToken)
    {
        if (parameter.Position == function.TriggerParameter.Position)
        {
            return trigger;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        if (parameter.Name is { } name && bindingData.TryGetValue(name, out var value))
        {
            return parameter.ParameterType == typeof(string) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : value;
        }

        return services.GetService(parameter.ParameterType) ?? (parameter.HasDefaultValue ? parameter.DefaultValue
            : throw new InvalidOperationException($"Function '{function.Name}': nothing binds parameter '{parameter.Name}' ({parameter.ParameterType.Name})."));
    }

    private static async Task<object?> UnwrapAsync(MethodInfo method, object? returned)
    {
        if (returned is not Task task)
        {
            return returned;
        }

        await task;
        return method.ReturnType.IsGenericType ? method.ReturnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }

    [LoggerMessage(1, LogLevel.Debug, "Executing {FunctionName} ({InvocationId})")]
    private partial void LogExecuting(string functionName, string invocationId);

    [LoggerMessage(2, LogLevel.Information, "Executed {FunctionName} ({InvocationId}) in {ElapsedMs:0.0} ms")]
    private partial void LogExecuted(string functionName, string invocationId, double elapsedMs);

    [LoggerMessage(3, LogLevel.Error, "Failed {FunctionName} ({InvocationId}) after {ElapsedMs:0.0} ms")]
    private partial void LogFailed(Exception exception, string functionName, string invocationId, double elapsedMs);
}
