using System.Globalization;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Reporting.Customers;
using ArPlatform.Reporting.Kpis;
using ArPlatform.Reporting.Ledger;
using ArPlatform.Reporting.Persistence;
using ArPlatform.ServiceDefaults.Http;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Plans;

/// <summary>A month's collection plan (set whole, from JSON or CSV rows) and the plan against what was collected.</summary>
public sealed class CollectionPlans(ReportingDbContext db, TimeProvider clock)
{
    public const int MaxRows = 100_000;
    public const decimal MaxPlanned = 1_000_000_000_000m;

    /// <summary>A month as the routes spell it (yyyy-mm): its first day, or null.</summary>
    public static DateOnly? ParseMonth(string? month) =>
        DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) ? first : null;

    /// <summary>Rows of a CSV plan: columns dealerCode, region, collector and planned (any case, any order; the unused ones may be left out).</summary>
    public static (List<PlanRow>? Rows, Validation Validation) ReadCsv(string text)
    {
        var validation = new Validation();
        var rows = new List<PlanRow>();
        using var csv = new CsvReader(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            HeaderValidated = null,
        });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header || !header.Any(h => h.Trim().Equals("planned", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, validation.Add("body", "must be CSV with a header row naming dealerCode, region or collector, and planned."));
        }

        while (csv.Read() && rows.Count <= MaxRows)
        {
            string? Field(string name) => csv.TryGetField<string>(name.ToLowerInvariant(), out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
            var planned = Field("planned");
            decimal? amount = planned is null ? null
                : decimal.TryParse(planned, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
            if (amount == -1)
            {
                validation.Add($"rows[{rows.Count}].planned", $"line {csv.Parser.RawRow}: '{planned}' is not a number.");
            }

            rows.Add(new PlanRow(Field("dealerCode"), Field("region"), Field("collector"), amount));
        }

        return (rows, validation);
    }

    /// <summary>Replaces the month's plan with the <paramref name="sent"/> rows, after checking every row (nothing is written when one is wrong).</summary>
    public async Task<(PlanResponse? Plan, Validation Validation)> SetAsync(DateOnly month, IReadOnlyList<PlanRow?> sent, Validation validation,
        CancellationToken cancellationToken)
    {
        if (sent.Contains(null))
        {
            for (var i = 0; i < sent.Count && i <= MaxRows; i++)
            {
                validation.When(sent[i] is null, $"rows[{i}]", "must be an object with dealerCode, region or collector, and planned.");
            }

            return (null, validation);
        }

        var rows = sent.OfType<PlanRow>().ToList();
        validation.When(rows.Count == 0, "rows", "must list at least one planned amount.")
            .When(rows.Count > MaxRows, "rows", $"at most {MaxRows} rows per plan.");
        var codes = rows.Where(r => r.DealerCode is not null).Select(r => r.DealerCode!).Distinct().ToList();
        var known = (await db.Customers.AsNoTracking().Where(c => codes.Contains(c.Code)).Select(c => c.Code).ToListAsync(cancellationToken)).ToHashSet();
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < rows.Count && i <= MaxRows; i++)
        {
            var row = rows[i];
            var keys = new[] { (PlanDimensions.Dealer, row.DealerCode), (PlanDimensions.Region, row.Region), (PlanDimensions.Collector, row.Collector) }
                .Where(k => !string.IsNullOrWhiteSpace(k.Item2)).ToList();
            var field = $"rows[{i}]";
            validation.When(keys.Count != 1, field, "must name exactly one of dealerCode, region and collector.")
                .When(row.Planned is null, $"{field}.planned", "is required.")
                .When(row.Planned is < 0 or > MaxPlanned, $"{field}.planned", $"must be between 0 and {MaxPlanned:0}.")
                .When(row.Planned is { } p && decimal.Round(p, 2) != p, $"{field}.planned", "must have at most two decimals.")
                .Text($"{field}.dealerCode", row.DealerCode, 50).Text($"{field}.region", row.Region, 20).Text($"{field}.collector", row.Collector, 100)
                .When(row.DealerCode is { } code && !known.Contains(code), $"{field}.dealerCode", $"no customer with code '{row.DealerCode}' in this tenant.");
            if (keys.Count == 1 && !seen.Add((keys[0].Item1, keys[0].Item2!)))
            {
                validation.Add(field, $"{keys[0].Item1} '{keys[0].Item2}' is planned twice; give each one amount.");
            }
        }

        if (!validation.IsValid)
        {
            return (null, validation);
        }

        var tenant = db.Tenant.RequiredTenantId;
        var now = clock.GetUtcNow();
        var plans = rows.Select(r => new CollectionPlan
        {
            TenantId = tenant,
            Month = month,
            Planned = r.Planned!.Value,
            UpdatedAt = now,
            Dimension = r.DealerCode is not null ? PlanDimensions.Dealer : r.Region is not null ? PlanDimensions.Region : PlanDimensions.Collector,
            Key = (r.DealerCode ?? r.Region ?? r.Collector)!,
        }).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Plans.Where(p => p.Month == month).ExecuteDeleteAsync(cancellationToken);
        await db.InsertEntitiesAsync(plans, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (Response(month, plans), validation);
    }

    public async Task<PlanResponse> GetAsync(DateOnly month, CancellationToken cancellationToken) =>
        Response(month, await db.Plans.AsNoTracking().Where(p => p.Month == month).OrderBy(p => p.Dimension).ThenBy(p => p.Key).ToListAsync(cancellationToken));

    private static PlanResponse Response(DateOnly month, List<CollectionPlan> plans) => new(
        $"{month:yyyy-MM}", plans.Count,
        [.. plans.Select(p => new PlanRow(p.Dimension == PlanDimensions.Dealer ? p.Key : null, p.Dimension == PlanDimensions.Region ? p.Key : null,
            p.Dimension == PlanDimensions.Collector ? p.Key : null, p.Planned))],
        plans.GroupBy(p => p.Dimension).ToDictionary(g => g.Key, g => g.Sum(p => p.Planned)));

    /// <summary>
    /// Each planned group (and each that collected without a plan) with what its customers collected in the month, up to
    /// today for the month under way; per dealer, a distributor's plan and collections include its dealers'.
    /// </summary>
    public async Task<PlanVsActual> PlanVsActualAsync(DateOnly month, string groupBy, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await BuildLedgerCommand.EnsureBuiltAsync(db, clock, cancellationToken);
            var collected = await db.LedgerMonths.AsNoTracking().Where(l => l.Month == month && l.Collected != 0)
                .ToDictionaryAsync(l => l.CustomerId, l => l.Collected, cancellationToken);
            var plans = await db.Plans.AsNoTracking().Where(p => p.Month == month && p.Dimension == groupBy)
                .ToDictionaryAsync(p => p.Key, p => p.Planned, cancellationToken);
            var customers = await db.Customers.AsNoTracking().ToDictionaryAsync(c => c.CustomerId, cancellationToken);
            var rows = groupBy == PlanDimensions.Dealer ? DealerRows(collected, plans, customers) : GroupRows(groupBy, collected, plans, customers);
            var today = BusinessDate.Today(clock);
            var monthEnd = month.AddMonths(1).AddDays(-1);
            var planned = groupBy == PlanDimensions.Dealer ? rows.Where(r => r.ParentId is null || !customers.ContainsKey(r.ParentId.Value)).Sum(r => r.Planned)
                : plans.Values.Sum();
            var total = collected.Values.Sum();
            return new PlanVsActual($"{month:yyyy-MM}", groupBy, monthEnd < today ? monthEnd : today, planned, total, Achievement(total, planned), rows);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static List<PlanVsActualRow> GroupRows(string groupBy, Dictionary<Guid, decimal> collected, Dictionary<string, decimal> plans,
        Dictionary<Guid, ReportCustomer> customers)
    {
        var byKey = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (customer, amount) in collected)
        {
            var details = customers.GetValueOrDefault(customer);
            var key = (groupBy == PlanDimensions.Region ? details?.Region : details?.Collector) ?? KpiGroupings.None;
            byKey[key] = byKey.GetValueOrDefault(key) + amount;
        }

        return [.. plans.Keys.Union(byKey.Keys).Order(StringComparer.Ordinal)
            .Select(k => Row(k, null, null, null, plans.GetValueOrDefault(k), byKey.GetValueOrDefault(k)))];
    }

    private static List<PlanVsActualRow> DealerRows(Dictionary<Guid, decimal> collected, Dictionary<string, decimal> plans, Dictionary<Guid, ReportCustomer> customers)
    {
        var subtree = DistributionNetwork.RollUp(customers, id => (Planned: plans.GetValueOrDefault(customers[id].Code), Collected: collected.GetValueOrDefault(id)),
            (a, b) => (a.Planned + b.Planned, a.Collected + b.Collected));
        return [.. subtree.Where(e => e.Value.Planned != 0 || e.Value.Collected != 0)
            .Select(e => (Customer: customers[e.Key], e.Value.Planned, e.Value.Collected))
            .Select(e => Row(e.Customer.CustomerId.ToString(), e.Customer.Code, e.Customer.Name, e.Customer.ParentId, e.Planned, e.Collected))
            .OrderBy(r => r.Code, StringComparer.Ordinal)];
    }

    private static PlanVsActualRow Row(string key, string? code, string? name, Guid? parentId, decimal planned, decimal collected) =>
        new(key, code, name, parentId, planned, collected, Achievement(collected, planned), Math.Max(planned - collected, 0));

    private static decimal? Achievement(decimal collected, decimal planned) =>
        planned == 0 ? null : Math.Round(collected / planned * 100m, 2, MidpointRounding.AwayFromZero);
}
