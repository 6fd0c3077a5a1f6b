using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using CoreTaskActivity = DurableTask.Core.TaskActivity;

namespace Marketplace.Orchestrations.Hosting;

/// <summary>Creates a shimmed orchestrator per DTFx execution, from the root service provider.</summary>
internal sealed class ShimOrchestrationCreator : ObjectCreator<TaskOrchestration>
{
    private readonly DurableTaskShimFactory _shims;
    private readonly TaskName _taskName;
    private readonly Func<IServiceProvider, ITaskOrchestrator> _factory;
    private readonly IServiceProvider _services;

    public ShimOrchestrationCreator(DurableTaskShimFactory shims, TaskName name, Func<IServiceProvider, ITaskOrchestrator> factory, IServiceProvider services)
    {
        _shims = shims;
        _taskName = name;
        _factory = factory;
        _services = services;
        Name = name.Name;
        Version = string.Empty;
    }

    public override TaskOrchestration Create() => _shims.CreateOrchestration(_taskName, _factory(_services));
}

/// <summary>Creates an activity per DTFx execution; the activity itself is resolved in its own DI scope per call.</summary>
internal sealed class ShimActivityCreator : ObjectCreator<CoreTaskActivity>
{
    private readonly ScopedActivity _activity;

    public ShimActivityCreator(DurableTaskShimFactory shims, TaskName name, Func<IServiceProvider, ITaskActivity> factory, IServiceScopeFactory scopes)
    {
        _activity = new ScopedActivity(shims, name, factory, scopes);
        Name = name.Name;
        Version = string.Empty;
    }

    // Stateless: one instance serves every call, each in a new scope.
    public override CoreTaskActivity Create() => _activity;

    private sealed class ScopedActivity(DurableTaskShimFactory shims, TaskName name, Func<IServiceProvider, ITaskActivity> factory, IServiceScopeFactory scopes)
        : CoreTaskActivity
    {
        public override string Run(TaskContext context, string input) =>
            throw new NotSupportedException("Activities run asynchronously.");

        public override async Task<string> RunAsync(TaskContext context, string input)
        {
            await using var scope = scopes.CreateAsyncScope();
            var shim = shims.CreateActivity(name, factory(scope.ServiceProvider));
            return await shim.RunAsync(context, input);
        }
    }
}
