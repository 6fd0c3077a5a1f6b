namespace Marketplace.Functions;

/// <summary>
/// Custom-handler mode when the Functions host started us (it sets <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>): listen on
/// that port on loopback and let the host drive the triggers. Otherwise standalone: serve HTTP directly and run
/// the built-in timer, queue and blob trigger sources.
/// </summary>
internal sealed record HostingMode(int? CustomHandlerPort)
{
    public const string PortSetting = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public bool IsCustomHandler => CustomHandlerPort is not null;

    public static HostingMode FromConfiguration(IConfiguration configuration)
    {
        var value = configuration[PortSetting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return new HostingMode((int?)null);
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? new HostingMode(port)
            : throw new InvalidOperationException($"Setting '{PortSetting}' must be a TCP port number (1-65535).");
    }
}
