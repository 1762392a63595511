using ArPlatform.BuildingBlocks.Formatting;
using ArPlatform.Collections.Accounts;
using ArPlatform.Collections.Activities;
using ArPlatform.Collections.Disputes;
using ArPlatform.Collections.Dunning;
using ArPlatform.Collections.Persistence;
using ArPlatform.Collections.Promises;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Worklist;

/// <summary>One part of a row's score: what it is, its value in words, and the points it adds.</summary>
public sealed record ScoreReason(string Factor, string Detail, int Points);

public sealed record WorklistRow(
    Guid CustomerId, string Code, string Name, string? Collector, string? RiskRating, decimal Open, decimal Overdue, int DaysOverdue, string? StepReached,
    string? StepDue, int Score, IReadOnlyList<ScoreReason> Reasons);

/// <summary>What the ranking reads of an open item.</summary>
public sealed record WorklistItem(Guid CustomerId, Guid InvoiceId, string Number, DateOnly DueDate, decimal OpenAmount, decimal DisputedAmount, int? PositionOffset, string? PositionStep);

/// <summary>
/// The collector's accounts in the order to work them. A row's score is the sum of its reasons' points (ADR 0019):
/// overdue amount 1 per ₹10,000 (at most 30); age of the oldest overdue item 1 per 3 days (at most 30); risk rating
/// B 3, C 6, D 10, E 15; broken promises 10 each (at most 20); a promise due today 15; disputes past their SLA 10 each
/// (at most 20); tasks due by the date 10; a dunning step due (the next run would act) 5. Ties: more overdue first.
/// </summary>
public sealed class WorklistRanking(CollectionsDbContext db)
{
    public static int RiskPoints(string? rating) => rating switch { "B" => 3, "C" => 6, "D" => 10, "E" => 15, _ => 0 };

    /// <summary>The rows of the accounts with something open, unordered, each with when it next changes by itself (a dispute's SLA running out).</summary>
    public async Task<List<(WorklistRow Row, DateTimeOffset? RefreshAt)>> ComputeAsync(
        IQueryable<CollectionAccount> scope, DateOnly asOf, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var accounts = await scope.AsNoTracking().Where(a => db.Items.Any(i => i.CustomerId == a.CustomerId && i.OpenAmount > 0 && i.Issued)).ToListAsync(cancellationToken);
        var items = (await db.Items.AsNoTracking()
                .Where(i => i.OpenAmount > 0 && i.Issued && scope.Any(a => a.CustomerId == i.CustomerId))
                .Select(i => new WorklistItem(i.CustomerId, i.InvoiceId, i.Number, i.DueDate, i.OpenAmount, i.DisputedAmount, i.PositionOffset, i.PositionStep))
                .ToListAsync(cancellationToken))
            .ToLookup(i => i.CustomerId);
        var promises = (await db.Promises.AsNoTracking().Where(p => p.Status == PromiseStatuses.Open && scope.Any(a => a.CustomerId == p.CustomerId))
                .ToListAsync(cancellationToken))
            .ToLookup(p => p.CustomerId);
        var disputes = await db.Disputes.AsNoTracking()
            .Where(d => (d.Status == DisputeStatuses.Open || d.Status == DisputeStatuses.InReview) && scope.Any(a => a.CustomerId == d.CustomerId))
            .ToListAsync(cancellationToken);
        var pastSla = disputes.Where(d => DisputeSla.IsPast(d, now)).GroupBy(d => d.CustomerId).ToDictionary(g => g.Key, g => g.Count());
        var nextSla = disputes.Where(d => !DisputeSla.IsPast(d, now) && d.SlaDueAt is not null).GroupBy(d => d.CustomerId).ToDictionary(g => g.Key, g => g.Min(d => d.SlaDueAt));
        var tasksDue = (await db.Tasks.AsNoTracking().Where(t => t.Status == TaskStatuses.Open && t.DueDate <= asOf && scope.Any(a => a.CustomerId == t.CustomerId))
                .GroupBy(t => t.CustomerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(g => g.Key, g => g.Count);
        var strategies = await StrategyCatalog.LoadAsync(db, cancellationToken);
        var stepsInOrder = strategies.InOrder.ToDictionary(s => s, s => (IReadOnlyList<DunningStep>)[.. s.Steps.OrderBy(step => step.DayOffset)]);
        return [.. accounts.Select(a =>
        {
            var strategy = strategies.For(a);
            return (Row(a, [.. items[a.CustomerId]], [.. promises[a.CustomerId]], pastSla.GetValueOrDefault(a.CustomerId), tasksDue.GetValueOrDefault(a.CustomerId),
                strategy, stepsInOrder[strategy], asOf), nextSla.GetValueOrDefault(a.CustomerId));
        })];
    }

    public static WorklistRow Row(CollectionAccount a, List<WorklistItem> items, List<PromiseToPay> promises, int disputesPastSla, int tasksDue,
        DunningStrategy strategy, IReadOnlyList<DunningStep> stepsInOrder, DateOnly asOf)
    {
        var (overdue, open, oldestOverdue) = (0m, 0m, (DateOnly?)null);
        WorklistItem? furthest = null;
        var mayAct = false;
        foreach (var i in items)
        {
            open += i.OpenAmount;
            if (i.DueDate < asOf)
            {
                overdue += i.OpenAmount;
                oldestOverdue = oldestOverdue is { } o && o <= i.DueDate ? o : i.DueDate;
            }

            if (i.PositionOffset is { } position && (furthest?.PositionOffset is not { } f || position > f))
            {
                furthest = i;
            }

            mayAct |= DunningRules.IsPast(DunningRules.DueStep(stepsInOrder, i.DueDate, asOf), i.PositionOffset);
        }

        var days = oldestOverdue is { } oldest ? asOf.DayNumber - oldest.DayNumber : 0;
        // Only an account with an item past its position can act: the rules are asked for those alone.
        DunningDecision? decision = null;
        if (mayAct)
        {
            var promised = promises.SelectMany(p => p.InvoiceIds).ToHashSet();
            decision = DunningRules.Decide(strategy, new AccountState(a.PausedFrom, a.PausedUntil),
                [.. items.Select(i => new ItemState(i.InvoiceId, i.Number, i.DueDate, i.OpenAmount, i.DisputedAmount, i.PositionOffset, promised.Contains(i.InvoiceId)))], asOf);
        }

        var reasons = new List<ScoreReason>();
        void Add(string factor, string detail, int points)
        {
            if (points > 0)
            {
                reasons.Add(new ScoreReason(factor, detail, points));
            }
        }

        Add("overdue amount", $"{IndianMoney.Format(overdue)} overdue", (int)Math.Min(30, Math.Floor(overdue / 10_000m)));
        Add("age", $"oldest overdue item {days} days past due", Math.Min(30, days / 3));
        Add("risk rating", $"rated {a.RiskRating}", RiskPoints(a.RiskRating));
        Add("broken promises", $"{a.BrokenPromises} broken", Math.Min(20, 10 * a.BrokenPromises));
        var dueToday = promises.Where(p => p.PromisedDate == asOf).ToList();
        Add("promise due today", dueToday.Count == 0 ? "" : $"{IndianMoney.Format(dueToday.Sum(p => p.Amount))} promised for today", dueToday.Count > 0 ? 15 : 0);
        Add("disputes past SLA", $"{disputesPastSla} past the client's response time", Math.Min(20, 10 * disputesPastSla));
        Add("next actions due", $"{tasksDue} task(s) due", tasksDue > 0 ? 10 : 0);
        Add("dunning step due", decision is null ? "" : $"{decision.Step.Name} is due", decision is null ? 0 : 5);
        return new WorklistRow(a.CustomerId, a.Code, a.Name, a.Collector, a.RiskRating, open, overdue, days, furthest?.PositionStep, decision?.Step.Code,
            reasons.Sum(r => r.Points), reasons);
    }
}
