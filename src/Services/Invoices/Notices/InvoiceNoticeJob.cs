using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Persistence;
using ArPlatform.Invoices.Tenants;
using ArPlatform.ServiceDefaults.Jobs;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Notices;

/// <summary>
/// Publishes InvoiceBecameOverdue once per invoice when it passes its due date with money open, and InvoiceDueSoon
/// once per invoice the tenant's number of days before. Runs at start and then every <c>Jobs:Notices:Interval</c>
/// (default one hour; the business date comes from <see cref="TimeProvider"/>). Safe with several replicas: a notice
/// row (unique per invoice and kind) and its event commit together, and a replica that loses the race inserts
/// nothing and publishes nothing.
/// </summary>
public sealed class InvoiceNoticeJob(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<InvoiceNoticeJob> logger)
    : BackgroundService
{
    private const int BatchSize = 1000;

    private const string Job = "overdue and due-soon";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicJob.RunEveryAsync(configuration.GetValue("Jobs:Notices:Interval", TimeSpan.FromHours(1)), clock, logger, Job,
            (today, cancellationToken) => RunAsync(today, cancellationToken), stoppingToken);

    /// <summary>One run for every known tenant, as of <paramref name="today"/>; returns the notices published.</summary>
    public async Task<(int Overdue, int DueSoon)> RunAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        List<Guid> tenants;
        using (var scope = scopes.CreateScope())
        {
            tenants = await scope.ServiceProvider.GetRequiredService<InvoicesDbContext>().Tenants.AsNoTracking()
                .OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
        }

        var (overdue, dueSoon) = (0, 0);
        await TenantLoop.ForEachAsync(tenants, Job, logger, async (tenant, ct) =>
        {
            overdue += await NoticeAllAsync(tenant, today, InvoiceNotice.Overdue, ct);
            dueSoon += await NoticeAllAsync(tenant, today, InvoiceNotice.DueSoon, ct);
        }, cancellationToken);

        if (overdue + dueSoon > 0)
        {
            logger.LogInformation("Notices for {Date}: {Overdue} invoices became overdue, {DueSoon} are due soon", today, overdue, dueSoon);
        }

        return (overdue, dueSoon);
    }

    private async Task<int> NoticeAllAsync(Guid tenant, DateOnly today, string kind, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var (found, published) = await NoticeBatchAsync(tenant, today, kind, cancellationToken);
            total += published;
            if (found < BatchSize)
            {
                return total;
            }
        }
    }

    private async Task<(int Found, int Published)> NoticeBatchAsync(Guid tenant, DateOnly today, string kind, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant);
        var db = scope.ServiceProvider.GetRequiredService<InvoicesDbContext>();
        var dueSoonDays = await db.InvoiceSettings.Select(s => (int?)s.DueSoonDays).SingleOrDefaultAsync(cancellationToken) ?? InvoiceSettings.DefaultDueSoonDays;
        var (first, last) = kind == InvoiceNotice.Overdue ? (DateOnly.MinValue, today.AddDays(-1)) : (today, today.AddDays(dueSoonDays));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var candidates = await NoticeQueries.UnnoticedAsync(db, tenant, kind, first, last, BatchSize, cancellationToken);
        if (candidates.Count == 0)
        {
            return (0, 0);
        }

        var claimed = await NoticeQueries.ClaimAsync(db, tenant, kind, today, [.. candidates.Select(c => c.Id)], cancellationToken);
        foreach (var c in candidates.Where(c => claimed.Contains(c.Id)))
        {
            if (kind == InvoiceNotice.Overdue)
            {
                db.AddToOutbox(new InvoiceBecameOverdue(tenant, c.Id, c.Number, c.CustomerId, c.DueDate, c.Open, today), clock);
            }
            else
            {
                db.AddToOutbox(new InvoiceDueSoon(tenant, c.Id, c.Number, c.CustomerId, c.DueDate, c.Open, c.DueDate.DayNumber - today.DayNumber), clock);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (candidates.Count, claimed.Count);
    }
}
