namespace Marketplace.Functions.Engine;

/// <summary>
/// Who moves the orchestration engine's queue messages (setting <c>Engine:Dispatch</c>):
/// <see cref="EngineDispatchMode.HostDriven"/> (the default under the Functions host: its queue triggers deliver the
/// control and work-item messages to the engine's queue functions and the scale controller spreads them over instances;
/// the engine's own pollers are off) or <see cref="EngineDispatchMode.SelfPolling"/> (the default standalone: the
/// engine worker leases partitions and polls its queues itself). Standalone may also run host-driven: the built-in
/// queue listeners then play the host's part.
/// </summary>
internal sealed record EngineDispatch(EngineDispatchMode Mode)
{
    public const string Setting = "Engine:Dispatch";

    public bool IsHostDriven => Mode == EngineDispatchMode.HostDriven;

    public static EngineDispatch FromConfiguration(IConfiguration configuration, HostingMode hosting)
    {
        var dispatch = new EngineDispatch(Parse(configuration[Setting], hosting));
        if (dispatch.IsHostDriven && hosting.IsCustomHandler && string.IsNullOrWhiteSpace(configuration[EngineQueueFunctions.TaskHubSetting]))
        {
            throw new InvalidOperationException(
                "Setting 'Sync__TaskHub' is required under the Functions host: the queue names of its functions (%Sync:TaskHub%-control-00, ...) use it.");
        }

        return dispatch;
    }

    private static EngineDispatchMode Parse(string? value, HostingMode hosting)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return hosting.IsCustomHandler ? EngineDispatchMode.HostDriven : EngineDispatchMode.SelfPolling;
        }

        if (!Enum.TryParse<EngineDispatchMode>(value, ignoreCase: true, out var mode) || !Enum.IsDefined(mode) || int.TryParse(value, out _))
        {
            throw new InvalidOperationException($"Setting 'Engine__Dispatch' must be 'HostDriven' or 'SelfPolling' (was '{value}').");
        }

        if (hosting.IsCustomHandler && mode == EngineDispatchMode.SelfPolling)
        {
            // The host polls the engine queues through their function.json triggers anyway: two consumers would compete.
            throw new InvalidOperationException("Setting 'Engine__Dispatch' cannot be 'SelfPolling' under the Functions host, which delivers the engine queues; use 'HostDriven' or leave it unset.");
        }

        return mode;
    }
}

/// <summary>See <see cref="EngineDispatch"/>.</summary>
internal enum EngineDispatchMode
{
    SelfPolling,
    HostDriven,
}
