using Marketplace.DurableWorker;
using Marketplace.Orchestrations.Hosting;
using Marketplace.Shared.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A standalone Durable worker process for crash and outage tests: Marketplace.DurableWorker MODE
// The storage connection string comes from DURABLE_WORKER_CONNECTION (never the command line); runtime settings from
// Durable__* environment variables (Durable__TaskHub, Durable__WorkerId, Durable__ControlQueueVisibilityTimeout, ...),
// mode settings from their own sections. Prints READY once the worker polls; runs until killed or until standard
// input closes (so a dead test process leaves no worker behind).
if (args.Length != 1 || !WorkerModes.All.TryGetValue(args[0], out var mode))
{
    await Console.Error.WriteLineAsync($"usage: Marketplace.DurableWorker {string.Join('|', WorkerModes.All.Keys)}");
    return 2;
}

var account = StorageAccount.Parse(Environment.GetEnvironmentVariable(WorkerModes.ConnectionVariable)
    ?? throw new InvalidOperationException($"{WorkerModes.ConnectionVariable} is not set."));
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
builder.Services.AddDurableTaskStandalone(account);
mode(builder, account);
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("READY");
await Console.In.ReadToEndAsync();
await host.StopAsync();
return 0;
