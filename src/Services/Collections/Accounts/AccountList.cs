using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Collections.Persistence;
using ArPlatform.Collections.Promises;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Accounts;

public sealed record AccountSummary(
    Guid CustomerId, string Code, string Name, string? Collector, string? Portfolio, string? RiskRating, bool OnHold, decimal Open, decimal Overdue,
    decimal Disputed, int DaysOverdue, string? StepReached, bool PromiseOpen, int BrokenPromises);

public sealed record AccountFilter(
    string? Collector, string? Portfolio, string? Step, decimal? MinOverdue, bool? Disputed, string? Promise, DateOnly AsOf);

/// <summary>The accounts with something open, filtered, most overdue first.</summary>
public sealed class AccountList(CollectionsDbContext db)
{
    public static readonly IReadOnlyList<string> PromiseFilters = ["open", "broken"];

    public Task<PagedList<AccountSummary>> ListAsync(AccountFilter filter, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var asOf = filter.AsOf;
        var rows = db.Accounts.AsNoTracking()
            .Select(a => new
            {
                Account = a,
                Open = db.Items.Where(i => i.CustomerId == a.CustomerId && i.OpenAmount > 0 && i.Issued).Sum(i => (decimal?)i.OpenAmount) ?? 0,
                Overdue = db.Items.Where(i => i.CustomerId == a.CustomerId && i.OpenAmount > 0 && i.Issued && i.DueDate < asOf).Sum(i => (decimal?)i.OpenAmount) ?? 0,
                Disputed = db.Items.Where(i => i.CustomerId == a.CustomerId && i.OpenAmount > 0 && i.Issued).Sum(i => (decimal?)i.DisputedAmount) ?? 0,
                OldestDue = db.Items.Where(i => i.CustomerId == a.CustomerId && i.OpenAmount > 0 && i.Issued).Min(i => (DateOnly?)i.DueDate),
                Step = db.Items.Where(i => i.CustomerId == a.CustomerId && i.OpenAmount > 0 && i.Issued && i.PositionOffset != null)
                    .OrderByDescending(i => i.PositionOffset).Select(i => i.PositionStep).FirstOrDefault(),
                PromiseOpen = db.Promises.Any(p => p.CustomerId == a.CustomerId && p.Status == PromiseStatuses.Open),
            })
            .Where(r => r.Open > 0);
        if (filter.Collector is { } collector)
        {
            rows = rows.Where(r => r.Account.Collector == collector);
        }

        if (filter.Portfolio is { } portfolio)
        {
            rows = rows.Where(r => r.Account.Portfolio == portfolio);
        }

        if (filter.Step is { } step)
        {
            rows = rows.Where(r => r.Step == step);
        }

        if (filter.MinOverdue is { } minimum)
        {
            rows = rows.Where(r => r.Overdue >= minimum);
        }

        if (filter.Disputed is { } disputed)
        {
            rows = disputed ? rows.Where(r => r.Disputed > 0) : rows.Where(r => r.Disputed == 0);
        }

        rows = filter.Promise switch
        {
            "open" => rows.Where(r => r.PromiseOpen),
            "broken" => rows.Where(r => r.Account.BrokenPromises > 0),
            _ => rows,
        };
        return QueryPages.PageAsync(rows.OrderByDescending(r => r.Overdue).ThenBy(r => r.Account.Code), page, pageSize, r => new AccountSummary(
            r.Account.CustomerId, r.Account.Code, r.Account.Name, r.Account.Collector, r.Account.Portfolio, r.Account.RiskRating, r.Account.OnHold, r.Open, r.Overdue,
            r.Disputed, r.OldestDue == null || r.OldestDue >= asOf ? 0 : asOf.DayNumber - r.OldestDue.Value.DayNumber, r.Step, r.PromiseOpen, r.Account.BrokenPromises));
    }
}
