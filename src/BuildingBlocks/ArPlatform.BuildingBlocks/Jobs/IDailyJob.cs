namespace ArPlatform.BuildingBlocks.Jobs;

/// <summary>
/// A job that runs once per tenant and business date (register it with <see cref="DailyJobRegistration.AddDailyJob{TJob}"/>).
/// <see cref="DailyJobRunner{TContext}"/> calls it for each tenant and each business date in order, catching up the
/// dates the service missed, on one replica at a time; a call that throws is recorded as failed and tried again at
/// later ticks (a few times) without holding up the other tenants or later dates. The work must still be safe to
/// repeat for the same tenant and date (a run whose replica died is run again after its lease).
/// </summary>
public interface IDailyJob
{
    /// <summary>The job's name in the run records and at <c>/platform/jobs</c>; stable, at most 100 characters.</summary>
    string Name { get; }

    /// <summary>Does the job's work for <paramref name="tenant"/> as of <paramref name="businessDate"/>.</summary>
    /// <param name="tenant">The tenant to act for.</param>
    /// <param name="businessDate">The business date of this run (ADR 0014), not necessarily today's when catching up.</param>
    /// <param name="cancellationToken">Cancelled when the service stops or another replica took the run over.</param>
    Task RunAsync(Guid tenant, DateOnly businessDate, CancellationToken cancellationToken);
}
