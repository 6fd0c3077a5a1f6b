namespace Marketplace.Functions.Hosting;

/// <summary>
/// Which host runs the app. The Functions host starts the isolated worker with <c>--functions-uri</c> (read by the
/// worker as <c>Functions:Worker:HostEndpoint</c>); without it the app is standalone: ASP.NET Core serves the HTTP
/// functions and the built-in sources run the timer, queue and blob functions.
/// </summary>
internal sealed record HostingMode(bool IsFunctionsHost)
{
    public const string HostEndpointSetting = "Functions:Worker:HostEndpoint";
    private const string HostEndpointArgument = "--functions-uri";

    public string Name => IsFunctionsHost ? "functions-host" : "standalone";

    public static HostingMode Detect(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray(), new Dictionary<string, string> { [HostEndpointArgument] = HostEndpointSetting })
            .Build();
        return new HostingMode(!string.IsNullOrWhiteSpace(configuration[HostEndpointSetting]));
    }
}
