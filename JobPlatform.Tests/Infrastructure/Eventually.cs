namespace JobPlatform.Tests.Infrastructure;

/// <summary>Waits on a condition with a deadline, instead of a fixed sleep that flakes on a busy machine.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = default(T);
        while (DateTime.UtcNow < deadline)
        {
            last = await probe();
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Timed out after {timeout} waiting for {what}; last value: {last}");
    }
}
