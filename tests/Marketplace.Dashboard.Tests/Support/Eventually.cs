namespace Marketplace.Dashboard.Tests.Support;

/// <summary>Waits for a condition that background work makes true; the timeout only bounds a hung test.</summary>
internal static class Eventually
{
    public static async Task WaitAsync(Func<Task<bool>> condition, string what, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for: {what}");
            }

            await Task.Delay(200);
        }
    }
}
