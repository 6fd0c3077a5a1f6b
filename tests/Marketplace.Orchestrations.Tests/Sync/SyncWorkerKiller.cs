using Marketplace.DurableWorker;

namespace Marketplace.Orchestrations.Tests.Sync;

/// <summary>
/// Sync worker processes (<c>Marketplace.DurableWorker sync</c>) in a number of slots, each SIGKILLed a random
/// 1.5-4 s after it got ready (long enough to take partitions and work) and started again, until the wanted number of kills; then two steady workers.
/// Worker ids stay per slot, as a restarted machine's would.
/// </summary>
internal sealed class SyncWorkerKiller(string connectionString, SyncWorkerSettings settings, int seed)
{
    private readonly Random _random = new(seed);
    private int _kills;

    public int Kills => Volatile.Read(ref _kills);

    /// <summary>Kills and restarts workers in <paramref name="slots"/> slots until <paramref name="kills"/> kills, or until <paramref name="done"/> returns true.</summary>
    public Task KillAsync(int slots, int kills, Func<bool> done, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, slots).Select(async slot =>
        {
            while (Kills < kills && !done())
            {
                using var worker = await StartAsync("w" + slot, cancellationToken);
                int lifetime;
                lock (_random)
                {
                    lifetime = _random.Next(1500, 4000);
                }

                await Task.Delay(lifetime, cancellationToken);
                worker.Kill();
                Interlocked.Increment(ref _kills);
            }
        }));

    /// <summary>Starts a worker that is not killed (dispose it to stop it).</summary>
    public Task<DurableWorkerProcess> StartAsync(string name, CancellationToken cancellationToken) =>
        DurableWorkerProcess.StartAsync(WorkerModes.Sync, name, connectionString, new Dictionary<string, string>
        {
            [SyncWorkerSettings.Variable] = settings.ToJson(),
            ["Durable__WorkerId"] = name,
        }, cancellationToken);
}
