using StackExchange.Redis;

namespace ArPlatform.ServiceDefaults.Time;

/// <summary>The result of a move: whether it moved, and the offset the platform clock has after it.</summary>
public sealed record ClockMove(bool Moved, TimeSpan Offset);

/// <summary>
/// The test clock's offset in Redis (milliseconds after the system time, one key in the <c>cache</c> database) and
/// the two ways to move it. Each move is one Lua script, so two moves at once are applied one after the other and
/// neither can take the clock back; each publishes on <see cref="Channel"/> so every replica reads the key at once.
/// </summary>
public sealed class PlatformClockStore(IConnectionMultiplexer redis)
{
    public const string Key = "arplatform:test-clock:offset-ms";

    /// <summary>Pub/sub channels are shared by all Redis databases: a message only says "read the key again".</summary>
    public static readonly RedisChannel Channel = RedisChannel.Literal("arplatform:test-clock");

    private const string AdvanceScript = """
        local offset = redis.call('INCRBY', KEYS[1], ARGV[1])
        redis.call('PUBLISH', ARGV[2], offset)
        return offset
        """;

    private const string MoveToScript = """
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        local wanted = tonumber(ARGV[1])
        if wanted <= current then
          return {0, current}
        end
        redis.call('SET', KEYS[1], ARGV[1])
        redis.call('PUBLISH', ARGV[2], ARGV[1])
        return {1, wanted}
        """;

    public async Task<TimeSpan> ReadAsync()
    {
        var value = await redis.GetDatabase().StringGetAsync(Key);
        return TimeSpan.FromMilliseconds(value.HasValue ? (long)value : 0);
    }

    /// <summary>Moves the clock <paramref name="by"/> (positive) ahead of wherever it stands.</summary>
    public async Task<TimeSpan> AdvanceAsync(TimeSpan by)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(AdvanceScript, [Key], [(long)by.TotalMilliseconds, Channel.ToString()]);
        return TimeSpan.FromMilliseconds((long)result);
    }

    /// <summary>
    /// Sets the offset to <paramref name="offset"/> if that is later than the one kept; otherwise leaves it and says
    /// so (the caller answers that the time asked for is not after the platform's).
    /// </summary>
    public async Task<ClockMove> MoveToAsync(TimeSpan offset)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(MoveToScript, [Key], [(long)offset.TotalMilliseconds, Channel.ToString()]))!;
        return new ClockMove((long)result[0] == 1, TimeSpan.FromMilliseconds((long)result[1]));
    }
}
