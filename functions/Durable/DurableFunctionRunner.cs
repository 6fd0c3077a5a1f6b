using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Marketplace.Functions.Durable;

/// <summary>Runs an orchestrator or activity class for its trigger function under the Functions host.</summary>
internal static class DurableFunctionRunner
{
    /// <summary>Builds <typeparamref name="TOrchestrator"/> from the app's services and runs it with the instance's input.</summary>
    public static Task<TOutput> RunAsync<TOrchestrator, TInput, TOutput>(TaskOrchestrationContext context, FunctionContext executionContext)
        where TOrchestrator : TaskOrchestrator<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(executionContext);
        var orchestrator = ActivatorUtilities.CreateInstance<TOrchestrator>(executionContext.InstanceServices);
        return orchestrator.RunAsync(context, context.GetInput<TInput>()!);
    }

    /// <summary>Builds <typeparamref name="TActivity"/> in the invocation's scope and runs it for <paramref name="instanceId"/>.</summary>
    public static Task<TOutput> RunAsync<TActivity, TInput, TOutput>(TInput input, string instanceId, FunctionContext executionContext)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        var activity = ActivatorUtilities.CreateInstance<TActivity>(executionContext.InstanceServices);
        return activity.RunAsync(new FunctionActivityContext(typeof(TActivity).Name, instanceId), input);
    }

    private sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
