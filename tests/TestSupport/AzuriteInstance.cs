using System.Diagnostics;
using System.Text.RegularExpressions;
using Marketplace.Shared.Storage;

namespace Marketplace.TestSupport;

/// <summary>
/// A real Azurite (from the repository's own <c>node_modules</c>) on free loopback ports with a temporary
/// data folder. Start with <see cref="StartAsync"/>; <see cref="DisposeAsync"/> stops it and deletes the data.
/// <see cref="SharedAsync"/> gives one instance per test process, stopped when the process exits.
/// </summary>
public sealed partial class AzuriteInstance : IAsyncDisposable
{
    private static readonly SemaphoreSlim SharedLock = new(1, 1);
    private static AzuriteInstance? _shared;
    private readonly string _dataFolder;
    private readonly bool _inMemory;
    private Process _process;

    private AzuriteInstance(Process process, string dataFolder, bool inMemory, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _dataFolder = dataFolder;
        _inMemory = inMemory;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>A SharedKey connection string for the development account on this instance's ports.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={StorageAccount.DevelopmentAccountName};AccountKey={StorageAccount.DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{StorageAccount.DevelopmentAccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{StorageAccount.DevelopmentAccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{StorageAccount.DevelopmentAccountName};";

    /// <summary>The account for this instance.</summary>
    public StorageAccount Account => StorageAccount.Parse(ConnectionString);

    /// <summary>The process-wide instance, started on first use.</summary>
    public static async Task<AzuriteInstance> SharedAsync()
    {
        await SharedLock.WaitAsync();
        try
        {
            if (_shared is null || _shared._process.HasExited)
            {
                _shared = await StartAsync();
                var instance = _shared;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => instance.Stop();
            }

            return _shared;
        }
        finally
        {
            SharedLock.Release();
        }
    }

    /// <summary>Starts a new Azurite and waits until all three services listen.</summary>
    public static async Task<AzuriteInstance> StartAsync(bool inMemory = false, CancellationToken cancellationToken = default)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "azurite-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        var (process, ports) = await LaunchAsync(dataFolder, inMemory, (0, 0, 0), cancellationToken);
        return new AzuriteInstance(process, dataFolder, inMemory, ports.Blob, ports.Queue, ports.Table);
    }

    /// <summary>
    /// Stops Azurite (an outage) but keeps its data for <see cref="RestartAsync"/>: node gets SIGTERM, so that
    /// Azurite saves its metadata (a SIGKILL would lose its last seconds of writes).
    /// </summary>
    public async Task StopProcessAsync()
    {
        var children = $"/proc/{_process.Id}/task/{_process.Id}/children";
        foreach (var child in File.Exists(children) ? File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [])
        {
            using var signal = Process.Start("kill", ["-TERM", child]);
            await signal.WaitForExitAsync();
        }

        // The watchdog exits within a second of node.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Kill(_process);
    }

    /// <summary>Starts Azurite again on the same ports with the same data, after <see cref="StopProcessAsync"/>.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (_inMemory)
        {
            throw new InvalidOperationException("An in-memory Azurite has no data to restart with.");
        }

        Kill(_process);
        (_process, _) = await LaunchAsync(_dataFolder, inMemory: false, (BlobPort, QueuePort, TablePort), cancellationToken);
    }

    private static async Task<(Process Process, (int Blob, int Queue, int Table) Ports)> LaunchAsync(
        string dataFolder, bool inMemory, (int Blob, int Queue, int Table) requested, CancellationToken cancellationToken)
    {
        var script = Path.Combine(RepositoryPaths.Root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed at {script}: run 'npm ci' in the repository root (the test script does this).");
        }

        // Azurite runs under a small bash watchdog that stops it when this test process is gone, so a test host
        // killed by a timeout leaves no orphaned Azurite behind.
        const string Watchdog = "node \"$@\" & child=$!; trap 'kill -9 $child 2>/dev/null' EXIT; " +
            "while kill -0 \"$PARENT_PID\" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done";
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Watchdog);
        start.ArgumentList.Add("azurite");
        var arguments = new List<string>
        {
            script, "--silent", "--blobPort", Port(requested.Blob), "--queuePort", Port(requested.Queue), "--tablePort", Port(requested.Table),
            "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
        };
        arguments.AddRange(inMemory ? ["--inMemoryPersistence"] : ["--location", dataFolder]);
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var ports = new Dictionary<string, int>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            var match = ListeningLine().Match(e.Data);
            if (match.Success)
            {
                lock (ports)
                {
                    ports[match.Groups[1].Value] = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening."));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await ready.Task.WaitAsync(timeout.Token);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process, (ports["Blob"], ports["Queue"], ports["Table"]));
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Stops Azurite and deletes its data folder.</summary>
    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void Stop()
    {
        Kill(_process);

        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service is successfully listening at http://[^:]+:(\d+)")]
    private static partial Regex ListeningLine();
}
