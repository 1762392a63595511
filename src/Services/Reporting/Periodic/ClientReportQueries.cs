using ArPlatform.Reporting.Outcomes;
using ArPlatform.Reporting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Periodic;

public sealed record OverdueAccount(Guid CustomerId, string? Code, string? Name, decimal Overdue, int Items, DateOnly OldestDue);

public sealed record OpenDisputeLine(string? Code, string? Name, string? Invoice, decimal Amount, DateOnly? RaisedOn, DateOnly? SlaDueOn);

public sealed record BrokenPromiseLine(string? Code, string? Name, decimal Amount, DateOnly PromisedDate, DateOnly? BrokenOn, decimal Collected);

/// <summary>The lists of a client report that no other report has: the top overdue accounts, the open disputes and the broken promises.</summary>
public sealed class ClientReportQueries(ReportingDbContext db)
{
    /// <summary>The customers owing most past due today (from the open items; the ledger is built first by the report's other reads).</summary>
    public async Task<List<OverdueAccount>> TopOverdueAsync(DateOnly today, int count, CancellationToken cancellationToken)
    {
        var top = await db.OpenItems.AsNoTracking().Where(o => o.OpenAmount > 0 && o.DueDate < today)
            .GroupBy(o => o.CustomerId)
            .Select(g => new { CustomerId = g.Key, Overdue = g.Sum(o => o.OpenAmount), Items = g.Count(), OldestDue = g.Min(o => o.DueDate) })
            .OrderByDescending(g => g.Overdue).ThenBy(g => g.CustomerId).Take(count).ToListAsync(cancellationToken);
        var ids = top.Select(t => t.CustomerId).ToList();
        var names = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.CustomerId)).ToDictionaryAsync(c => c.CustomerId, cancellationToken);
        return [.. top.Select(t => new OverdueAccount(t.CustomerId, names.GetValueOrDefault(t.CustomerId)?.Code, names.GetValueOrDefault(t.CustomerId)?.Name,
            t.Overdue, t.Items, t.OldestDue))];
    }

    public Task<List<OpenDisputeLine>> OpenDisputesAsync(DateOnly asOf, int limit, CancellationToken cancellationToken) =>
        (from d in db.Disputes.AsNoTracking()
         where d.RaisedOn <= asOf && (d.ResolvedOn == null || d.ResolvedOn > asOf)
         join c in db.Customers.AsNoTracking() on d.CustomerId equals c.CustomerId into customers
         from c in customers.DefaultIfEmpty()
         join r in db.Receivables.AsNoTracking() on d.InvoiceId equals r.InvoiceId into invoices
         from r in invoices.DefaultIfEmpty()
         orderby d.RaisedOn, d.DisputeId
         select new OpenDisputeLine(c == null ? null : c.Code, c == null ? null : c.Name, r == null ? null : r.Number, d.Amount, d.RaisedOn, d.SlaDueOn))
        .Take(limit).ToListAsync(cancellationToken);

    public Task<List<BrokenPromiseLine>> BrokenPromisesAsync(ReportPeriod period, int limit, CancellationToken cancellationToken) =>
        (from p in db.Promises.AsNoTracking()
         where p.Status == PromiseStatuses.Broken && p.DecidedOn >= period.From && p.DecidedOn <= period.To
         join c in db.Customers.AsNoTracking() on p.CustomerId equals c.CustomerId into customers
         from c in customers.DefaultIfEmpty()
         orderby p.DecidedOn, p.PromiseId
         select new BrokenPromiseLine(c == null ? null : c.Code, c == null ? null : c.Name, p.Amount, p.PromisedDate, p.DecidedOn, p.Collected))
        .Take(limit).ToListAsync(cancellationToken);
}
