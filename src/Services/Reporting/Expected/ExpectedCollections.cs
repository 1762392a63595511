using ArPlatform.Reporting.Caching;
using ArPlatform.Reporting.Customers;
using ArPlatform.Reporting.Kpis;
using ArPlatform.Reporting.Ledger;
using ArPlatform.Reporting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Expected;

/// <summary>What one customer (or, summed, a group) is expected to pay, week by week, and what is kept out of the weeks.</summary>
public sealed class ExpectedAmounts(int weeks)
{
    public decimal[] WeekItems { get; } = new decimal[weeks];

    public int[] WeekItemCounts { get; } = new int[weeks];

    public decimal[] WeekPromises { get; } = new decimal[weeks];

    public int[] WeekPromiseCounts { get; } = new int[weeks];

    public decimal Later { get; set; }

    public int LaterItems { get; set; }

    public decimal Overdue { get; set; }

    public int OverdueItems { get; set; }

    public decimal Disputed { get; set; }

    public int DisputedItems { get; set; }

    public decimal Promised { get; set; }

    public ExpectedAmounts Add(ExpectedAmounts other)
    {
        for (var w = 0; w < WeekItems.Length; w++)
        {
            (WeekItems[w], WeekItemCounts[w]) = (WeekItems[w] + other.WeekItems[w], WeekItemCounts[w] + other.WeekItemCounts[w]);
            (WeekPromises[w], WeekPromiseCounts[w]) = (WeekPromises[w] + other.WeekPromises[w], WeekPromiseCounts[w] + other.WeekPromiseCounts[w]);
        }

        (Later, LaterItems, Overdue, OverdueItems) = (Later + other.Later, LaterItems + other.LaterItems, Overdue + other.Overdue, OverdueItems + other.OverdueItems);
        (Disputed, DisputedItems, Promised) = (Disputed + other.Disputed, DisputedItems + other.DisputedItems, Promised + other.Promised);
        return this;
    }

    /// <summary>
    /// Puts a customer's open promises in the weeks of their dates and takes what they promise out of its overdue items
    /// first, then out of its earliest expected ones, so that nothing is expected twice.
    /// </summary>
    public void ApplyPromises(IEnumerable<OpenPromiseRow> promises, DateOnly asOf)
    {
        foreach (var promise in promises)
        {
            var week = Math.Max(0, promise.PromisedDate.DayNumber - asOf.DayNumber) / 7;
            if (week < WeekPromises.Length)
            {
                (WeekPromises[week], WeekPromiseCounts[week]) = (WeekPromises[week] + promise.Remaining, WeekPromiseCounts[week] + 1);
            }
            else
            {
                Later += promise.Remaining;
            }

            Promised += promise.Remaining;
            var rest = promise.Remaining;
            var fromOverdue = Math.Min(rest, Overdue);
            (Overdue, rest) = (Overdue - fromOverdue, rest - fromOverdue);
            for (var w = 0; w < WeekItems.Length && rest > 0; w++)
            {
                var taken = Math.Min(rest, WeekItems[w]);
                (WeekItems[w], rest) = (WeekItems[w] - taken, rest - taken);
            }

            Later -= Math.Min(rest, Later);
        }
    }
}

/// <summary>Expected collections from today's open items and promises, grouped like the KPIs; the endpoint and the periodic reports use it.</summary>
public sealed class ExpectedCollections(ReportingDbContext db, TimeProvider clock, ReportCache cache)
{
    /// <summary>The figures from the cache while nothing they are made from has changed (ADR 0024), else computed.</summary>
    public Task<ExpectedCollectionsReport> LoadAsync(DateOnly asOf, int weeks, string groupBy, CancellationToken cancellationToken = default) =>
        cache.GetOrComputeAsync(db.Tenant.RequiredTenantId, $"expected:{asOf:yyyy-MM-dd}:{weeks}:{groupBy}", () => ComputeAsync(asOf, weeks, groupBy, cancellationToken));

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static string Serialize(ExpectedCollectionsReport report) => System.Text.Json.JsonSerializer.Serialize(report, Json);

    public static ExpectedCollectionsReport? Deserialize(string json) => System.Text.Json.JsonSerializer.Deserialize<ExpectedCollectionsReport>(json, Json);

    /// <summary>
    /// The tenant's forecast as the daily job kept it on a past <paramref name="madeOn"/>, cut to <paramref name="weeks"/>
    /// (the weeks past them join "later"); null when none was kept that day.
    /// </summary>
    public async Task<ExpectedCollectionsReport?> KeptAsync(DateOnly madeOn, int weeks, CancellationToken cancellationToken)
    {
        var json = await db.KeptForecasts.AsNoTracking().Where(f => f.MadeOn == madeOn).Select(f => f.Report).SingleOrDefaultAsync(cancellationToken);
        if (json is null || Deserialize(json) is not { } kept)
        {
            return null;
        }

        var groups = kept.Groups.Select(g => g with
        {
            Weeks = [.. g.Weeks.Take(weeks)],
            Later = new ExpectedLine(g.Later.Amount + g.Weeks.Skip(weeks).Sum(w => w.Expected), g.Later.Items + g.Weeks.Skip(weeks).Sum(w => w.Items)),
        }).ToList();
        return kept with { Weeks = Math.Min(weeks, kept.Weeks), Groups = groups };
    }

    private async Task<ExpectedCollectionsReport> ComputeAsync(DateOnly asOf, int weeks, string groupBy, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await BuildLedgerCommand.EnsureBuiltAsync(db, clock, cancellationToken);
            var tenantDays = await ExpectedCollectionsQueries.TenantLatenessAsync(db, asOf, cancellationToken);
            var perCustomer = new Dictionary<Guid, ExpectedAmounts>();
            ExpectedAmounts For(Guid customer) => perCustomer.TryGetValue(customer, out var a) ? a : perCustomer[customer] = new ExpectedAmounts(weeks);
            foreach (var row in await ExpectedCollectionsQueries.BucketsAsync(db, asOf, weeks, tenantDays ?? 0, cancellationToken))
            {
                var amounts = For(row.CustomerId);
                (amounts.Disputed, amounts.DisputedItems) = (amounts.Disputed + row.Disputed, amounts.DisputedItems + row.DisputedItems);
                if (row.Bucket < 0)
                {
                    (amounts.Overdue, amounts.OverdueItems) = (amounts.Overdue + row.Undisputed, amounts.OverdueItems + row.UndisputedItems);
                }
                else if (row.Bucket >= weeks)
                {
                    (amounts.Later, amounts.LaterItems) = (amounts.Later + row.Undisputed, amounts.LaterItems + row.UndisputedItems);
                }
                else
                {
                    (amounts.WeekItems[row.Bucket], amounts.WeekItemCounts[row.Bucket]) =
                        (amounts.WeekItems[row.Bucket] + row.Undisputed, amounts.WeekItemCounts[row.Bucket] + row.UndisputedItems);
                }
            }

            foreach (var promises in (await ExpectedCollectionsQueries.OpenPromisesAsync(db, cancellationToken)).GroupBy(p => p.CustomerId))
            {
                For(promises.Key).ApplyPromises(promises, asOf);
            }

            var lateness = groupBy == KpiGroupings.Customer ? await ExpectedCollectionsQueries.CustomerLatenessAsync(db, asOf, cancellationToken) : [];
            var customers = groupBy == KpiGroupings.Tenant ? [] : await db.Customers.AsNoTracking().ToDictionaryAsync(c => c.CustomerId, cancellationToken);
            var groups = Group(perCustomer, customers, groupBy, weeks)
                .Select(g => Describe(g.Key, g.Code, g.Name, groupBy == KpiGroupings.Customer && Guid.TryParse(g.Key, out var id)
                    ? lateness.TryGetValue(id, out var days) ? days : tenantDays
                    : groupBy == KpiGroupings.Tenant ? tenantDays : null, g.Amounts, asOf))
                .ToList();
            return new ExpectedCollectionsReport(asOf, weeks, groupBy, tenantDays, ExpectedConventions.Platform, groups);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The open items of one bucket of <see cref="ExpectedCollectionsQueries.BucketsAsync"/> (-2: the disputed ones).</summary>
    public async Task<List<ExpectedItem>> ItemsAsync(DateOnly asOf, int weeks, int bucket, Guid? customerId, int offset, int limit, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await BuildLedgerCommand.EnsureBuiltAsync(db, clock, cancellationToken);
            var tenantDays = await ExpectedCollectionsQueries.TenantLatenessAsync(db, asOf, cancellationToken) ?? 0;
            return await ExpectedCollectionsQueries.ItemsAsync(db, asOf, weeks, tenantDays, bucket, customerId, offset, limit, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static IEnumerable<(string Key, string? Code, string? Name, ExpectedAmounts Amounts)> Group(
        Dictionary<Guid, ExpectedAmounts> perCustomer, Dictionary<Guid, ReportCustomer> customers, string groupBy, int weeks)
    {
        if (groupBy == KpiGroupings.Tenant)
        {
            return [(KpiGroupings.Tenant, null, null, perCustomer.Values.Aggregate(new ExpectedAmounts(weeks), (sum, a) => sum.Add(a)))];
        }

        if (groupBy is KpiGroupings.Customer or KpiGroupings.Dealer)
        {
            var amounts = groupBy == KpiGroupings.Customer ? perCustomer
                : DistributionNetwork.RollUp(customers, id => new ExpectedAmounts(weeks).Add(perCustomer.GetValueOrDefault(id) ?? new ExpectedAmounts(weeks)),
                    (sum, child) => sum.Add(child));
            return amounts.Select(e => customers.TryGetValue(e.Key, out var c) ? (e.Key.ToString(), c.Code, c.Name, e.Value) : (e.Key.ToString(), null, null, e.Value))
                .OrderBy(g => g.Item2 ?? g.Item1, StringComparer.Ordinal);
        }

        Func<ReportCustomer?, string?> keyOf = groupBy switch
        {
            KpiGroupings.Region => c => c?.Region,
            KpiGroupings.Collector => c => c?.Collector,
            _ => c => c?.Portfolio,
        };
        return perCustomer.GroupBy(e => keyOf(customers.GetValueOrDefault(e.Key)) ?? KpiGroupings.None, StringComparer.Ordinal)
            .Select(g => (g.Key, (string?)null, (string?)null, g.Aggregate(new ExpectedAmounts(weeks), (sum, e) => sum.Add(e.Value))))
            .OrderBy(g => g.Key, StringComparer.Ordinal);
    }

    private static ExpectedGroup Describe(string key, string? code, string? name, decimal? latenessDays, ExpectedAmounts a, DateOnly asOf)
    {
        var weeks = a.WeekItems.Select((items, w) => new ExpectedWeek(w + 1, asOf.AddDays(7 * w), asOf.AddDays(7 * w + 6), items + a.WeekPromises[w], items,
            a.WeekItemCounts[w], a.WeekPromises[w], a.WeekPromiseCounts[w])).ToList();
        return new ExpectedGroup(key, code, name, latenessDays, weeks, new ExpectedLine(a.Later, a.LaterItems), new ExpectedLine(a.Overdue, a.OverdueItems),
            new ExpectedLine(a.Disputed, a.DisputedItems), a.Promised, weeks.Sum(w => w.Expected) + a.Later);
    }
}
