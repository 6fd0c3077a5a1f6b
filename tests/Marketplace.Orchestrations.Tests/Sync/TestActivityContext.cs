using Microsoft.DurableTask;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>An activity context for calling an activity class directly (what the worker gives it: name and instance id).</summary>
internal sealed class TestActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
