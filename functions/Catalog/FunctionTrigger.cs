namespace Marketplace.Functions.Catalog;

/// <summary>
/// A function's trigger and its binding settings, named as in Microsoft's <c>function.json</c> reference.
/// </summary>
internal abstract record FunctionTrigger
{
    /// <summary>The trigger binding's <c>name</c>: the key of the trigger's value in the host's <c>Data</c>.</summary>
    public abstract string BindingName { get; }
}

/// <summary>
/// <c>httpTrigger</c> with an <c>http</c> output named <c>res</c>. <see cref="Route"/> is relative to the host's
/// route prefix <c>api</c>; <see cref="AuthLevel"/> is <c>anonymous</c>, <c>function</c> or <c>admin</c>.
/// </summary>
internal sealed record HttpTrigger(string Route, IReadOnlyList<string> Methods, string AuthLevel = HttpTrigger.Anonymous) : FunctionTrigger
{
    public const string Anonymous = "anonymous";
    public const string Function = "function";
    public const string RoutePrefix = "api";

    public override string BindingName => "req";

    /// <summary>The http output binding's name.</summary>
    public static string OutputName => "res";

    /// <summary>The route as served: <c>/api/{Route}</c>.</summary>
    public string Pattern => "/" + RoutePrefix + "/" + Route;
}

/// <summary><c>timerTrigger</c>: a six-field NCRONTAB <see cref="Schedule"/> (with seconds), evaluated in UTC.</summary>
internal sealed record TimerTrigger(string Schedule, bool RunOnStartup = false, bool UseMonitor = true) : FunctionTrigger
{
    public override string BindingName => "timer";
}

/// <summary><c>queueTrigger</c> on <see cref="QueueName"/> in the account named by the <see cref="Connection"/> setting.</summary>
internal sealed record QueueTrigger(string QueueName, string Connection = "AzureWebJobsStorage") : FunctionTrigger
{
    public override string BindingName => "message";
}

/// <summary>
/// <c>blobTrigger</c> on <see cref="Path"/> (<c>container/{name}</c>), <see cref="DataType"/> <c>binary</c> or
/// <c>string</c> (null: the host's default).
/// </summary>
internal sealed record BlobTrigger(string Path, string Connection = "AzureWebJobsStorage", string? DataType = "binary") : FunctionTrigger
{
    public override string BindingName => "blob";

    /// <summary>The container part of <see cref="Path"/>.</summary>
    public string Container => Path.Split('/', 2)[0];

    /// <summary>The fixed blob-name prefix before the first <c>{</c> of the pattern's blob part.</summary>
    public string Prefix
    {
        get
        {
            var parts = Path.Split('/', 2);
            var blob = parts.Length > 1 ? parts[1] : string.Empty;
            var brace = blob.IndexOf('{', StringComparison.Ordinal);
            return brace < 0 ? blob : blob[..brace];
        }
    }
}
