using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Collections.Dunning;
using ArPlatform.Collections.Persistence;
using ArPlatform.Contracts;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Promises;

/// <summary>Keeps promises' statuses as cash comes and goes and as their windows end, by the rule of <see cref="PromiseKeeping"/>.</summary>
public sealed class PromiseKeeper(CollectionsDbContext db, TimeProvider clock)
{
    /// <summary>Looks again at the customer's open and kept promises after cash came or went. Saves; the caller commits.</summary>
    public async Task ReviewAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var today = BusinessDate.Today(clock);
        // Locked (the consumer's transaction): a cancel or the daily job settling the same promise waits, then sees this.
        var promises = await db.Promises.FromSql(
                $"SELECT * FROM promises WHERE customer_id = {customerId} AND status IN ('open', 'kept') FOR UPDATE")
            .ToListAsync(cancellationToken);
        if (promises.Count == 0)
        {
            return;
        }

        var receipts = await db.Receipts.AsNoTracking().Where(r => r.CustomerId == customerId && r.ReversedOn == null).ToListAsync(cancellationToken);
        foreach (var promise in promises)
        {
            promise.Collected = PromiseKeeping.Collected(promise, receipts, promise.WindowEnd);
            if (promise.Status == PromiseStatuses.Open && promise.Collected >= promise.Amount)
            {
                await ResolveAsync(promise, PromiseStatuses.Kept, today, cancellationToken);
            }
            else if (promise.Status == PromiseStatuses.Kept && promise.Collected < promise.Amount)
            {
                // Un-kept by a reversal: open again while its window lasts, broken at the window's end by the daily job.
                (promise.Status, promise.ResolvedOn) = (PromiseStatuses.Open, null);
                await HoldItemsAsync(promise, today, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Settles the tenant's open promises whose window (or an instalment's) ended before <paramref name="date"/>; returns how many broke.</summary>
    public async Task<int> CloseWindowsAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var open = await db.Promises.FromSql($"SELECT * FROM promises WHERE status = 'open' FOR UPDATE").ToListAsync(cancellationToken);
        var broken = 0;
        foreach (var byCustomer in open.GroupBy(p => p.CustomerId))
        {
            var receipts = await db.Receipts.AsNoTracking().Where(r => r.CustomerId == byCustomer.Key && r.ReversedOn == null).ToListAsync(cancellationToken);
            foreach (var promise in byCustomer)
            {
                promise.Collected = PromiseKeeping.Collected(promise, receipts, promise.WindowEnd);
                if (PromiseKeeping.AtClose(promise, receipts, date) is { } resolution)
                {
                    broken += resolution.Status == PromiseStatuses.Kept ? 0 : 1;
                    await ResolveAsync(promise, resolution.Status, resolution.On, cancellationToken);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return broken;
    }

    /// <summary>Kept, partially kept, broken or cancelled: its items are dunned again from the next run, and the event says so.</summary>
    public async Task ResolveAsync(PromiseToPay promise, string status, DateOnly on, CancellationToken cancellationToken)
    {
        (promise.Status, promise.ResolvedOn) = (status, on);
        foreach (var item in await db.Items.Where(i => promise.InvoiceIds.Contains(i.InvoiceId)).ToListAsync(cancellationToken))
        {
            if (item.HeldFor == SkipReasons.Promise)
            {
                item.Release(on);
            }
        }

        if (status == PromiseStatuses.Kept)
        {
            db.AddToOutbox(new PromiseToPayKept(promise.TenantId, promise.Id, promise.CustomerId, promise.Amount, promise.Collected, promise.PromisedDate, on), clock);
        }
        else if (status is PromiseStatuses.Broken or PromiseStatuses.PartiallyKept)
        {
            await db.Accounts.Where(a => a.CustomerId == promise.CustomerId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.BrokenPromises, a => a.BrokenPromises + 1), cancellationToken);
            db.AddToOutbox(new PromiseToPayBroken(promise.TenantId, promise.Id, promise.CustomerId, promise.Amount, promise.Collected, promise.PromisedDate, on), clock);
        }
    }

    public async Task HoldItemsAsync(PromiseToPay promise, DateOnly from, CancellationToken cancellationToken)
    {
        foreach (var item in await db.Items.Where(i => promise.InvoiceIds.Contains(i.InvoiceId)).ToListAsync(cancellationToken))
        {
            item.Hold(SkipReasons.Promise, from);
        }
    }
}
