using ArPlatform.ServiceDefaults.Http;
using Microsoft.Extensions.Logging;

namespace ArPlatform.BuildingBlocks.Jobs;

/// <summary>The loop of the scheduled jobs: run now, then every interval (from <see cref="TimeProvider"/>); a failed run is logged and retried at the next one.</summary>
public static class PeriodicJob
{
    public static async Task RunEveryAsync(
        TimeSpan interval, TimeProvider clock, ILogger logger, string what, Func<DateOnly, CancellationToken, Task> run, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await run(BusinessDate.Today(clock), stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The {Job} run failed; it is retried at the next interval", what);
            }

            await Task.Delay(interval, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}
