using ArPlatform.BuildingBlocks.Aging;
namespace ArPlatform.Reporting.Aging;

public sealed record BucketAmount(string Label, decimal Amount);

public sealed record CustomerAging(Guid CustomerId, decimal Total, IReadOnlyList<BucketAmount> Buckets);

public sealed record AgingReport(DateOnly AsOf, string Currency, decimal Total, IReadOnlyList<BucketAmount> Buckets, IReadOnlyList<CustomerAging> Customers)
{
    /// <summary>How many customers owe anything, whether or not <see cref="Customers"/> lists them all.</summary>
    public int CustomerCount { get; init; } = Customers.Count;
}

/// <summary>Open amounts due on one date for one customer: the unit the database sums to.</summary>
public sealed record OpenAmountByDueDate(Guid CustomerId, DateOnly DueDate, decimal Amount);

/// <summary>Aging as of a date: days past due = as-of date − due date; not yet due is "Not due".</summary>
public static class AgingCalculator
{
    /// <summary>The report of <paramref name="amounts"/> in the buckets of <paramref name="upperBounds"/> (default: <see cref="AgingBuckets.DefaultUpperBounds"/>).</summary>
    public static AgingReport Compute(DateOnly asOf, string currency, IEnumerable<OpenAmountByDueDate> amounts, IReadOnlyList<int>? upperBounds = null)
    {
        upperBounds ??= AgingBuckets.DefaultUpperBounds;
        return FromBuckets(asOf, currency, AgingBuckets.FromUpperBounds(upperBounds),
            amounts.Select(a => (a.CustomerId, AgingBuckets.IndexOf(upperBounds, asOf.DayNumber - a.DueDate.DayNumber), a.Amount)));
    }

    /// <summary>The report from amounts already summed per customer and bucket (today's aging snapshot).</summary>
    public static AgingReport FromBuckets(DateOnly asOf, string currency, IReadOnlyList<AgingBucket> buckets, IEnumerable<(Guid CustomerId, int Bucket, decimal Amount)> rows)
    {
        var totals = new decimal[buckets.Count];
        var perCustomer = new Dictionary<Guid, decimal[]>();
        foreach (var (customerId, bucket, amount) in rows)
        {
            totals[bucket] += amount;
            if (!perCustomer.TryGetValue(customerId, out var row))
            {
                perCustomer[customerId] = row = new decimal[buckets.Count];
            }

            row[bucket] += amount;
        }

        return Report(asOf, currency, buckets, totals, perCustomer);
    }

    private static AgingReport Report(DateOnly asOf, string currency, IReadOnlyList<AgingBucket> buckets, decimal[] totals, Dictionary<Guid, decimal[]> perCustomer)
    {
        var customers = perCustomer
            .Where(c => c.Value.Sum() != 0)
            .Select(c => new CustomerAging(c.Key, c.Value.Sum(), Amounts(buckets, c.Value)))
            .OrderByDescending(c => c.Total).ThenBy(c => c.CustomerId)
            .ToList();
        return new AgingReport(asOf, currency, totals.Sum(), Amounts(buckets, totals), customers);
    }

    private static List<BucketAmount> Amounts(IReadOnlyList<AgingBucket> buckets, decimal[] amounts) =>
        [.. buckets.Select((b, i) => new BucketAmount(b.Label, amounts[i]))];
}
