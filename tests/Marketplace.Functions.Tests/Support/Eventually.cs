namespace Marketplace.Functions.Tests.Support;

/// <summary>Waits for a condition that background trigger sources make true; the timeout only bounds a hung test.</summary>
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

            await Task.Delay(100);
        }
    }

    public static Task WaitAsync(Func<bool> condition, string what, int timeoutSeconds = 60) =>
        WaitAsync(() => Task.FromResult(condition()), what, timeoutSeconds);
}
