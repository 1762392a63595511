using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.BuildingBlocks.Tenancy;

namespace ArPlatform.Reporting.Periodic;

/// <summary>
/// The daily job of the client reports: on each business date a tenant's schedule falls on, the report of its period is
/// made once and mailed (ADR 0016's runner: once per tenant and date, dates caught up in order, a failed mailing tried again).
/// </summary>
public sealed class PeriodicReportJob(IServiceScopeFactory scopes, ILogger<PeriodicReportJob> logger) : IDailyJob
{
    public string Name => "periodic-client-reports";

    public async Task RunAsync(Guid tenant, DateOnly businessDate, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var report = await scope.ServiceProvider.GetRequiredService<PeriodicReports>().RunScheduledAsync(businessDate, cancellationToken);
        if (report is not null)
        {
            logger.LogInformation("Scheduled client report {Report} of tenant {Tenant} for {From:yyyy-MM-dd}..{To:yyyy-MM-dd}: mailed to {Recipients}", report.Id, tenant,
                report.PeriodFrom, report.PeriodTo, report.Recipients.Count);
        }
    }
}
