using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace ArPlatform.BuildingBlocks.Jobs;

/// <summary>
/// The loop of every job that works through the tenants one by one. One tenant's failure (bad data, a constraint, a
/// query the data breaks) never stops the others: it is logged with the tenant and the cause, counted in
/// <c>arplatform.jobs.tenant_failures</c> (tagged with the job; the tenant is in the log line, not in a tag, so the
/// number of series does not grow with the tenants), and the loop goes on with the next tenant. What the failed
/// tenant's work had not committed is rolled back with its transaction and tried again at the job's next run.
/// Cancellation (the service stopping) ends the loop as it would any other work.
/// </summary>
public static class TenantLoop
{
    public const string FailureCounter = "arplatform.jobs.tenant_failures";

    private static readonly Meter Meter = new("ArPlatform.Jobs");
    private static readonly Counter<long> Failures = Meter.CreateCounter<long>(FailureCounter, description: "Tenants whose part of a job run failed");

    /// <summary>Counts one tenant's failed part of <paramref name="job"/> (also for the daily jobs, <see cref="DailyJobRunner{TContext}"/>).</summary>
    internal static void CountFailure(string job) => Failures.Add(1, new KeyValuePair<string, object?>("job", job));

    /// <summary>Runs <paramref name="work"/> for each tenant in turn; returns the tenants whose work failed.</summary>
    public static async Task<IReadOnlyList<Guid>> ForEachAsync(
        IEnumerable<Guid> tenants, string job, ILogger logger, Func<Guid, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        List<Guid> failed = [];
        foreach (var tenant in tenants)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await work(tenant, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failed.Add(tenant);
                CountFailure(job);
                logger.LogError(e, "The {Job} run failed for tenant {Tenant} ({Cause}); the other tenants go on, and this one is tried again at the next run",
                    job, tenant, e.Message);
            }
        }

        return failed;
    }
}
