using System.Diagnostics;

namespace Marketplace.DurableWorker;

/// <summary>
/// A running <c>Marketplace.DurableWorker</c> process, for tests. The connection string and settings go in through
/// environment variables; <see cref="CrashPoint"/> completes when the worker announces it stopped at a crash point.
/// With <see cref="LogVariable"/> set (in the test process), the workers' log lines are appended to that file.
/// </summary>
public sealed class DurableWorkerProcess : IDisposable
{
    /// <summary>The environment variable naming a file for the workers' log lines (diagnosis of a failed run).</summary>
    public const string LogVariable = "DURABLE_WORKER_LOG";

    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _crash = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DurableWorkerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Completes when the worker reached a crash point and hangs there, waiting to be killed.</summary>
    public Task CrashPoint => _crash.Task;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <c>Marketplace.DurableWorker <paramref name="mode"/></c> (from the caller's output folder) and returns
    /// once it prints READY. <paramref name="settings"/> become environment variables (<c>Durable__TaskHub</c>, ...).
    /// </summary>
    public static async Task<DurableWorkerProcess> StartAsync(
        string mode, string name, string connectionString, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(DurableWorkerProcess).Assembly.Location);
        start.ArgumentList.Add(mode);
        start.Environment[WorkerModes.ConnectionVariable] = connectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var worker = new DurableWorkerProcess(process, name);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "READY")
            {
                worker._ready.TrySetResult();
            }
            else if (e.Data == FaultWorkflows.CrashPointLine)
            {
                worker._crash.TrySetResult();
            }
            else if (e.Data is not null && Environment.GetEnvironmentVariable(LogVariable) is { } log)
            {
                lock (typeof(DurableWorkerProcess))
                {
                    File.AppendAllText(log, $"{DateTime.UtcNow:HH:mm:ss.fff} {name}: {e.Data}\n");
                }
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await Task.WhenAny(worker._ready.Task, worker._crash.Task, process.WaitForExitAsync(timeout.Token));
        if (process.HasExited || !(worker._ready.Task.IsCompleted || worker._crash.Task.IsCompleted))
        {
            var exited = process.HasExited;
            worker.Dispose();
            throw new InvalidOperationException($"Worker {name} did not get ready (exited: {exited}).");
        }

        return worker;
    }

    /// <summary>SIGKILL: no clean-up, no lease release; in-flight messages reappear after their visibility timeout.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
