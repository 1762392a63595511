using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Reporting.Kpis;
using ArPlatform.Reporting.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Expected;

/// <summary>
/// Keeps each day's forecast: the tenant's expected collections by week as of the business date, once per date. A
/// forecast is made from the open items as they are, so a date the job catches up later than its day is skipped rather
/// than forecast with what is known since.
/// </summary>
public sealed class ForecastSnapshotJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ForecastSnapshotJob> logger) : IDailyJob
{
    public const int Weeks = 13;

    public string Name => "expected-collections-snapshots";

    public async Task RunAsync(Guid tenant, DateOnly businessDate, CancellationToken cancellationToken)
    {
        if (businessDate != BusinessDate.Today(clock))
        {
            logger.LogInformation("No forecast kept for tenant {Tenant} on {Date:yyyy-MM-dd}: that day is over, and a forecast is made as of its own day",
                tenant, businessDate);
            return;
        }

        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var db = scope.ServiceProvider.GetRequiredService<ReportingDbContext>();
        if (await db.KeptForecasts.AnyAsync(f => f.MadeOn == businessDate, cancellationToken))
        {
            return;
        }

        var forecast = await scope.ServiceProvider.GetRequiredService<ExpectedCollections>().LoadAsync(businessDate, Weeks, KpiGroupings.Tenant, cancellationToken);
        db.KeptForecasts.Add(new KeptForecast { TenantId = tenant, MadeOn = businessDate, Report = ExpectedCollections.Serialize(forecast) });
        await db.SaveChangesAsync(cancellationToken);
    }
}
