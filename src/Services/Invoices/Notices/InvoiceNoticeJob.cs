using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Persistence;
using ArPlatform.Invoices.Tenants;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Notices;

/// <summary>
/// Publishes InvoiceBecameOverdue once per invoice when it passes its due date with money open, and InvoiceDueSoon
/// once per invoice the tenant's number of days before: once per tenant and business date, run by the daily-job
/// runner (ADR 0016), which also catches up the dates a stopped service missed. A notice row (unique per invoice and
/// kind) and its event commit together, so a run repeated after a crash, or racing another, publishes nothing twice.
/// </summary>
public sealed class InvoiceNoticeJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<InvoiceNoticeJob> logger) : IDailyJob
{
    private const int BatchSize = 1000;

    public string Name => "invoice-notices";

    Task IDailyJob.RunAsync(Guid tenant, DateOnly businessDate, CancellationToken cancellationToken) => NoticeAsync(tenant, businessDate, cancellationToken);

    /// <summary>The tenant's notices as of <paramref name="today"/>; returns the notices published.</summary>
    public async Task<(int Overdue, int DueSoon)> NoticeAsync(Guid tenant, DateOnly today, CancellationToken cancellationToken = default)
    {
        var overdue = await NoticeAllAsync(tenant, today, InvoiceNotice.Overdue, cancellationToken);
        var dueSoon = await NoticeAllAsync(tenant, today, InvoiceNotice.DueSoon, cancellationToken);
        if (overdue + dueSoon > 0)
        {
            logger.LogInformation("Notices of tenant {Tenant} for {Date}: {Overdue} invoices became overdue, {DueSoon} are due soon", tenant, today, overdue, dueSoon);
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
