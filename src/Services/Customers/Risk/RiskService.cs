using ArPlatform.Customers.Credit;
using ArPlatform.Customers.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Risk;

/// <summary>The risk use cases: a customer's scorecard as of a date, and the tenant's credit settings.</summary>
public sealed class RiskService(CustomersDbContext db)
{
    /// <summary>The scorecard as of <paramref name="asOf"/>; null when there is no such customer.</summary>
    public async Task<RiskResponse?> ScorecardAsync(Guid id, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return null;
        }

        var behaviour = (await PaymentBehaviourQuery.LoadAsync(db, [id], asOf, cancellationToken)).Single();
        var score = RiskModel.Score(behaviour);
        return new RiskResponse(id, asOf, score.Rating, score.Score, score.Factors, behaviour);
    }

    public async Task<CreditSettingsResponse> SettingsAsync(CancellationToken cancellationToken = default) =>
        new(await CreditHolds.OverdueHoldDaysAsync(db, cancellationToken));

    /// <summary>Replaces the tenant's credit settings and queues every customer with history to be assessed again under them.</summary>
    public async Task<Outcome<CreditSettingsResponse>> SetSettingsAsync(CreditSettingsRequest request, CancellationToken cancellationToken = default)
    {
        var validation = new Validation()
            .When(!request.OverdueHoldDaysGiven, "overdueHoldDays", "is required: a number of days from 1 to 3650, or null for no overdue hold.")
            .When(request.OverdueHoldDays is < 1 or > 3650, "overdueHoldDays", "must be between 1 and 3650 days, or null for no overdue hold.");
        if (!validation.IsValid)
        {
            return Outcome<CreditSettingsResponse>.Invalid(validation);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var settings = await db.CreditSettings.SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            db.CreditSettings.Add(settings = new CreditSettings { TenantId = db.Tenant.RequiredTenantId });
        }

        settings.OverdueHoldDays = request.OverdueHoldDays;
        await db.SaveChangesAsync(cancellationToken);
        await RiskQueue.EnqueueAllAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome<CreditSettingsResponse>.Ok(new CreditSettingsResponse(settings.OverdueHoldDays));
    }
}
