namespace ArPlatform.ServiceDefaults.Time;

/// <summary>
/// The platform test clock (configuration <c>Platform:TestClock</c>): the system time plus an offset every service
/// and replica reads from Redis (<see cref="PlatformClockStore"/>, kept up to date by <see cref="PlatformClockSync"/>).
/// It only moves forward: a smaller offset than one already seen is ignored, and no reading is earlier than the
/// one before it. Timers and timestamps are the system's (a delay of a minute is still a minute).
/// </summary>
public sealed class PlatformTestClock(ClockSignal signal) : TimeProvider
{
    private long _offsetMilliseconds;
    private long _lastUtcTicks;

    public TimeSpan Offset => TimeSpan.FromMilliseconds(Volatile.Read(ref _offsetMilliseconds));

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow().UtcTicks + (Volatile.Read(ref _offsetMilliseconds) * TimeSpan.TicksPerMillisecond);
        while (true)
        {
            var last = Volatile.Read(ref _lastUtcTicks);
            if (now <= last)
            {
                return new DateTimeOffset(last, TimeSpan.Zero);
            }

            if (Interlocked.CompareExchange(ref _lastUtcTicks, now, last) == last)
            {
                return new DateTimeOffset(now, TimeSpan.Zero);
            }
        }
    }

    /// <summary>Takes an offset read from Redis; true (and the signal fired) when it moved the clock forward.</summary>
    public bool Observe(long offsetMilliseconds)
    {
        while (true)
        {
            var current = Volatile.Read(ref _offsetMilliseconds);
            if (offsetMilliseconds <= current)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _offsetMilliseconds, offsetMilliseconds, current) == current)
            {
                signal.Notify();
                return true;
            }
        }
    }
}
