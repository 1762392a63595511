using ArPlatform.Reporting.Customers;
using ArPlatform.Reporting.Ledger;
using ArPlatform.Reporting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Kpis;

/// <summary>What KPIs can be grouped by.</summary>
public static class KpiGroupings
{
    public const string Tenant = "tenant";
    public const string Region = "region";
    public const string Dealer = "dealer";
    public const string Collector = "collector";
    public const string Portfolio = "portfolio";
    public const string Customer = "customer";

    public static readonly IReadOnlyList<string> All = [Tenant, Region, Dealer, Collector, Portfolio, Customer];

    /// <summary>The group of customers with no region, collector or portfolio.</summary>
    public const string None = "(none)";
}

/// <summary>The KPI report as of a date over a period, grouped; the endpoint, the exports and the periodic reports all use it.</summary>
public sealed class KpiReports(ReportingDbContext db, TimeProvider clock)
{
    public async Task<KpiReport> LoadAsync(DateOnly asOf, int periodDays, string groupBy, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken); // one connection for the request's few queries
        try
        {
            await BuildLedgerCommand.EnsureBuiltAsync(db, clock, cancellationToken);
            var groups = groupBy == KpiGroupings.Tenant
                ? [KpiFormulas.Compute(KpiGroupings.Tenant, null, null, null, await KpiInputsQuery.ForTenantAsync(db, asOf, periodDays, cancellationToken), asOf, periodDays)]
                : await GroupsAsync(asOf, periodDays, groupBy, cancellationToken);
            return new KpiReport(asOf, periodDays, asOf.AddDays(1 - periodDays), groupBy, "INR", KpiConventions.Platform, groups);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<List<KpiGroup>> GroupsAsync(DateOnly asOf, int periodDays, string groupBy, CancellationToken cancellationToken)
    {
        var inputs = await KpiInputsQuery.ByCustomerAsync(db, asOf, periodDays, cancellationToken);
        var customers = await db.Customers.AsNoTracking().ToDictionaryAsync(c => c.CustomerId, cancellationToken);
        if (groupBy == KpiGroupings.Dealer)
        {
            return DealerTree(inputs, customers, asOf, periodDays);
        }

        if (groupBy == KpiGroupings.Customer)
        {
            return [.. inputs.Select(e => customers.TryGetValue(e.Key, out var c)
                    ? KpiFormulas.Compute(c.CustomerId.ToString(), c.Code, c.Name, c.ParentId, e.Value, asOf, periodDays)
                    : KpiFormulas.Compute(e.Key.ToString(), null, null, null, e.Value, asOf, periodDays))
                .OrderByDescending(g => g.EndingAr).ThenBy(g => g.Key, StringComparer.Ordinal)];
        }

        Func<ReportCustomer?, string?> keyOf = groupBy switch
        {
            KpiGroupings.Region => c => c?.Region,
            KpiGroupings.Collector => c => c?.Collector,
            _ => c => c?.Portfolio,
        };
        var groups = new Dictionary<string, KpiInputs>(StringComparer.Ordinal);
        foreach (var (customer, customerInputs) in inputs)
        {
            var key = keyOf(customers.GetValueOrDefault(customer)) ?? KpiGroupings.None;
            (groups.TryGetValue(key, out var group) ? group : groups[key] = new KpiInputs()).Add(customerInputs);
        }

        return [.. groups.Select(g => KpiFormulas.Compute(g.Key, null, null, null, g.Value, asOf, periodDays)).OrderBy(g => g.Key, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Every customer of the distribution network with the figures of its whole subtree: a distributor's include its
    /// dealers'. Inputs are summed up the tree and each node's ratios computed from its sums.
    /// </summary>
    private static List<KpiGroup> DealerTree(Dictionary<Guid, KpiInputs> inputs, Dictionary<Guid, ReportCustomer> customers, DateOnly asOf, int periodDays)
    {
        var subtree = DistributionNetwork.RollUp(customers, id =>
        {
            var sum = new KpiInputs();
            if (inputs.TryGetValue(id, out var own))
            {
                sum.Add(own);
            }

            return sum;
        }, (sum, child) =>
        {
            sum.Add(child);
            return sum;
        });
        var groups = subtree.Select(e => (Customer: customers[e.Key], Inputs: e.Value))
            .Select(e => KpiFormulas.Compute(e.Customer.CustomerId.ToString(), e.Customer.Code, e.Customer.Name, e.Customer.ParentId, e.Inputs, asOf, periodDays))
            .ToList();
        // Entries of customers Reporting has no copy of yet (their registration is still on its way) are listed on their own.
        groups.AddRange(inputs.Where(e => !customers.ContainsKey(e.Key)).Select(e => KpiFormulas.Compute(e.Key.ToString(), null, null, null, e.Value, asOf, periodDays)));
        return [.. groups.OrderBy(g => g.Code ?? g.Key, StringComparer.Ordinal)];
    }
}
