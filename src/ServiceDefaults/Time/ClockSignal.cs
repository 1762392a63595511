namespace ArPlatform.ServiceDefaults.Time;

/// <summary>
/// Says when the platform clock moved (the test clock, <see cref="PlatformTestClock"/>): the daily-job runner wakes
/// at once instead of at its next poll. With the system clock it never fires.
/// </summary>
public sealed class ClockSignal
{
    private TaskCompletionSource _moved = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next move after it was read: read it before the work, await it after, and no move is missed.</summary>
    public Task Moved => Volatile.Read(ref _moved).Task;

    public void Notify() => Interlocked.Exchange(ref _moved, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for <paramref name="moved"/> (a <see cref="Moved"/> read earlier) or <paramref name="timeout"/>, whichever is first; never throws on cancellation.</summary>
    public static async Task WaitAsync(Task moved, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, clock, stop.Token);
        await Task.WhenAny(moved, delay).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
    }
}
