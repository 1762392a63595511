using ArPlatform.Collections.Accounts;
using ArPlatform.Collections.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Dunning;

/// <summary>A tenant's strategies, highest priority first, with the default behind them: the first whose scope matches an account applies.</summary>
public sealed class StrategyCatalog(IReadOnlyList<DunningStrategy> strategies)
{
    public IReadOnlyList<DunningStrategy> InOrder => strategies;

    /// <summary>The earliest step of any strategy: an item can act only from its due date plus this offset.</summary>
    public int EarliestOffset => strategies.SelectMany(s => s.Steps).Select(s => s.DayOffset).DefaultIfEmpty(0).Min();

    public static async Task<StrategyCatalog> LoadAsync(CollectionsDbContext db, CancellationToken cancellationToken)
    {
        var own = await db.Strategies.AsNoTracking().ToListAsync(cancellationToken);
        var ordered = own.OrderByDescending(s => s.Priority).ThenBy(s => s.Code, StringComparer.Ordinal).ToList();
        if (!own.Any(s => s.Code == DefaultStrategy.Code))
        {
            ordered.Add(DefaultStrategy.For(db.Tenant.RequiredTenantId));
        }

        return new StrategyCatalog(ordered);
    }

    public DunningStrategy For(CollectionAccount account) =>
        strategies.FirstOrDefault(s => s.AppliesTo.Matches(account.RiskRating, account.Type, account.Portfolio))
        ?? strategies.First(s => s.Code == DefaultStrategy.Code);
}
