using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Contracts;
using ArPlatform.Customers.Customers;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Credit;

/// <summary>The credit use cases: set a limit, put on and release a hold by hand, read the limit's history.</summary>
public sealed class CreditService(CustomersDbContext db, TimeProvider clock)
{
    public async Task<Outcome<CreditResponse>> SetLimitAsync(Guid id, CreditLimitRequest request, string actor, CancellationToken cancellationToken = default)
    {
        var validation = new Validation().Limit("limit", request.Limit).Required("reason", request.Reason, maxLength: 500);
        if (!validation.IsValid)
        {
            return Outcome<CreditResponse>.Invalid(validation);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await CreditQueries.LockCustomerAsync(db, id, cancellationToken) is not { } customer)
        {
            return Outcome<CreditResponse>.NotFound();
        }

        await ChangeLimitAsync(db, customer, request.Limit!.Value, request.Reason!.Trim(), actor, clock, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<CreditResponse>.Ok(CreditHolds.ToResponse(customer));
    }

    /// <summary>Puts the customer on hold by hand (<paramref name="onHold"/>), or releases it; the automatic rule is then applied again.</summary>
    public async Task<Outcome<CreditResponse>> SetHoldAsync(Guid id, bool onHold, HoldRequest request, CancellationToken cancellationToken = default)
    {
        var validation = new Validation().Required("reason", request.Reason, maxLength: 500);
        if (!validation.IsValid)
        {
            return Outcome<CreditResponse>.Invalid(validation);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await CreditQueries.LockCustomerAsync(db, id, cancellationToken) is not { } customer)
        {
            return Outcome<CreditResponse>.NotFound();
        }

        var reason = request.Reason!.Trim();
        CreditHolds.Change(db, customer, onHold, reason, automatic: false, clock, announced: onHold ? reason : $"released: {reason}");
        CreditHolds.Reassess(db, customer, await CreditHolds.OverdueHoldDaysAsync(db, cancellationToken), clock);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<CreditResponse>.Ok(CreditHolds.ToResponse(customer));
    }

    /// <summary>Every change of the customer's limit, oldest first; null when there is no such customer.</summary>
    public async Task<List<CreditLimitChangeResponse>?> HistoryAsync(Guid id, CancellationToken cancellationToken = default) =>
        await db.Customers.AnyAsync(c => c.Id == id, cancellationToken)
            ? await db.CreditLimitChanges.AsNoTracking().Where(c => c.CustomerId == id).OrderBy(c => c.ChangedAt)
                .Select(c => new CreditLimitChangeResponse(c.OldLimit, c.NewLimit, c.Reason, c.ChangedBy, c.ChangedAt)).ToListAsync(cancellationToken)
            : null;

    /// <summary>Sets the limit of a locked customer with its audit entry and event, and re-assesses the automatic hold.</summary>
    internal static async Task ChangeLimitAsync(
        CustomersDbContext db, Customer customer, decimal limit, string reason, string changedBy, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var change = CreditLimits.Change(customer, limit, reason, changedBy, now);
        db.CreditLimitChanges.Add(change);
        db.AddToOutbox(new CreditLimitChanged(customer.TenantId, customer.Id, change.OldLimit, change.NewLimit, change.Reason, change.ChangedBy, now), clock);
        CreditHolds.Reassess(db, customer, await CreditHolds.OverdueHoldDaysAsync(db, cancellationToken), clock);
    }
}
