using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.Collections.Activities;
using ArPlatform.Collections.Dunning;
using ArPlatform.Collections.Persistence;
using ArPlatform.Collections.Promises;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Accounts;

public sealed record OpenItemView(
    Guid InvoiceId, string InvoiceNumber, DateOnly? InvoiceDate, DateOnly DueDate, decimal Amount, decimal OpenAmount, int DaysOverdue, decimal DisputedAmount,
    bool CoveredByPromise, string? DunningStep, DateOnly? DunningStepDate);

public sealed record AgingBucketView(string Bucket, decimal Amount);

public sealed record AccountTotals(decimal Open, decimal Overdue, decimal Disputed, IReadOnlyList<AgingBucketView> Aging);

public sealed record NextStepView(string Code, string Name, string Action, int DayOffset, DateOnly Date, IReadOnlyList<string> InvoiceNumbers);

public sealed record PauseView(DateOnly? From, DateOnly Until, string? Reason);

public sealed record LastActivityView(Guid Id, string Type, string? Disposition, string? Notes, DateTimeOffset OccurredAt, string? LoggedBy);

public sealed record NextActionView(Guid TaskId, string Kind, string Title, DateOnly DueDate, string? Assignee);

public sealed record AccountResponse(
    Guid CustomerId, string Code, string Name, string? CustomerType, string? Collector, string? Portfolio, string? RiskRating, bool OnHold, string? HoldReason,
    PauseView? Pause, DateOnly? AgencyReferredOn, DateOnly AsOf, IReadOnlyList<OpenItemView> OpenItems, AccountTotals Totals, string Strategy, string StrategyName,
    string? StepReached, NextStepView? NextStep, IReadOnlyList<PromiseResponse> OpenPromises, int BrokenPromises, LastActivityView? LastActivity,
    NextActionView? NextAction);

/// <summary>An account as a collector reads it, as of a date: items with days overdue, totals and aging, where dunning stands and what comes next.</summary>
public sealed class AccountView(CollectionsDbContext db)
{
    public async Task<AccountResponse?> GetAsync(Guid customerId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.CustomerId == customerId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var items = await db.Items.AsNoTracking().Where(i => i.CustomerId == customerId && i.OpenAmount > 0 && i.Issued)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Number).ToListAsync(cancellationToken);
        var promises = await db.Promises.AsNoTracking().Where(p => p.CustomerId == customerId && p.Status == PromiseStatuses.Open).ToListAsync(cancellationToken);
        var promised = promises.SelectMany(p => p.InvoiceIds).ToHashSet();
        var strategy = (await StrategyCatalog.LoadAsync(db, cancellationToken)).For(account);
        var last = await db.Activities.AsNoTracking().Where(a => a.CustomerId == customerId).OrderByDescending(a => a.OccurredAt).FirstOrDefaultAsync(cancellationToken);
        var bounds = await AgingBoundsModel.LoadAsync(db, cancellationToken);
        var next = await db.Tasks.AsNoTracking().Where(t => t.CustomerId == customerId && t.Status == TaskStatuses.Open).OrderBy(t => t.DueDate).ThenBy(t => t.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var open = items.Select(i => new OpenItemView(i.InvoiceId, i.Number, i.InvoiceDate, i.DueDate, i.Amount, i.OpenAmount, Math.Max(0, asOf.DayNumber - i.DueDate.DayNumber),
            i.DisputedAmount, promised.Contains(i.InvoiceId), i.PositionStep, i.PositionDate)).ToList();
        var reached = items.Where(i => i.PositionOffset is not null).MaxBy(i => i.PositionOffset);
        return new AccountResponse(
            account.CustomerId, account.Code, account.Name, account.Type, account.Collector, account.Portfolio, account.RiskRating, account.OnHold, account.HoldReason,
            account.PausedUntil is { } until && until >= asOf ? new PauseView(account.PausedFrom, until, account.PauseReason) : null, account.AgencyReferredOn, asOf,
            open, Totals(open, asOf, bounds), strategy.Code, strategy.Name, reached?.PositionStep, NextStep(strategy, account, items, promised, asOf),
            [.. promises.OrderBy(p => p.PromisedDate).Select(PromiseResponse.Of)], account.BrokenPromises,
            last is null ? null : new LastActivityView(last.Id, last.Type, last.Disposition, last.Notes, last.OccurredAt, last.LoggedBy),
            next is null ? null : new NextActionView(next.Id, next.Kind, next.Title, next.DueDate, next.Assignee));
    }

    /// <summary>The account's totals as of <paramref name="asOf"/>, aged in the tenant's buckets (<paramref name="upperBounds"/>, "Not due"'s 0 first).</summary>
    public static AccountTotals Totals(IReadOnlyList<OpenItemView> items, DateOnly asOf, IReadOnlyList<int> upperBounds) => new(
        items.Sum(i => i.OpenAmount),
        items.Where(i => i.DueDate < asOf).Sum(i => i.OpenAmount),
        items.Sum(i => i.DisputedAmount),
        [.. AgingBuckets.FromUpperBounds(upperBounds).Select((b, n) => new AgingBucketView(b.Label,
            items.Where(i => AgingBuckets.IndexOf(upperBounds, asOf.DayNumber - i.DueDate.DayNumber) == n).Sum(i => i.OpenAmount)))]);

    /// <summary>The next step the rules would take if nothing changes: the earliest date on which some dunnable item's due step passes its position.</summary>
    private static NextStepView? NextStep(DunningStrategy strategy, CollectionAccount account, List<CollectionItem> items, HashSet<Guid> promised, DateOnly asOf)
    {
        var steps = strategy.Steps.OrderBy(s => s.DayOffset).ToList();
        var upcoming = items
            .Where(i => i.UndisputedOpen > 0 && !promised.Contains(i.InvoiceId))
            .SelectMany(i => steps.Where(s => i.PositionOffset is not { } p || s.DayOffset > p).Take(1)
                .Select(s => (Item: i, Step: s, Date: Max(i.DueDate.AddDays(s.DayOffset), account.PausedUntil is { } until && until >= asOf ? until.AddDays(1) : asOf))))
            .ToList();
        if (upcoming.Count == 0)
        {
            return null;
        }

        var date = upcoming.Min(u => u.Date);
        var dueThen = upcoming.Where(u => u.Date == date).ToList();
        var step = dueThen.Select(u => DunningRules.DueStep(steps, new ItemState(u.Item.InvoiceId, u.Item.Number, u.Item.DueDate, u.Item.OpenAmount,
            u.Item.DisputedAmount, u.Item.PositionOffset, false), date) ?? u.Step).MaxBy(s => s.DayOffset)!;
        return new NextStepView(step.Code, step.Name, step.Action, step.DayOffset, date, [.. dueThen.Select(u => u.Item.Number)]);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
