using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ArPlatform.ServiceDefaults.Time;

/// <summary>
/// Keeps <see cref="PlatformTestClock"/> at the offset in Redis: read before the service starts (so nothing runs on
/// the system time first), again on every message of <see cref="PlatformClockStore.Channel"/>, and every second in
/// case a message was lost, so a move reaches every replica within about a second.
/// </summary>
public sealed class PlatformClockSync(IConnectionMultiplexer redis, PlatformClockStore store, PlatformTestClock clock, ILogger<PlatformClockSync> logger)
    : BackgroundService
{
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow() + StartTimeout;
        while (true)
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(PlatformClockStore.Channel, (_, _) => _ = RefreshAsync());
                await RefreshOrThrowAsync();
                break;
            }
            catch (RedisException e) when (TimeProvider.System.GetUtcNow() < deadline)
            {
                logger.LogWarning(e, "The platform test clock cannot read Redis yet; retrying");
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }

        logger.LogWarning("The platform test clock is on: time is the system time plus {Offset}", clock.Offset);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Poll);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await RefreshAsync();
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            await RefreshOrThrowAsync();
        }
        catch (RedisException e)
        {
            logger.LogWarning(e, "The platform test clock could not read Redis; it keeps {Offset} and tries again", clock.Offset);
        }
    }

    private async Task RefreshOrThrowAsync()
    {
        var offset = await store.ReadAsync();
        if (clock.Observe((long)offset.TotalMilliseconds))
        {
            logger.LogInformation("The platform test clock moved: system time plus {Offset}", offset);
        }
    }
}
