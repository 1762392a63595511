using ArPlatform.Reporting.Aging;

namespace ArPlatform.Reporting.Tests;

public sealed class AgingCalculatorTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 22);
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    [Theory]
    [InlineData(0, "Not due")] // due today
    [InlineData(-10, "Not due")] // due in ten days
    [InlineData(1, "1-30")]
    [InlineData(30, "1-30")]
    [InlineData(31, "31-60")]
    [InlineData(60, "31-60")]
    [InlineData(61, "61-90")]
    [InlineData(90, "61-90")]
    [InlineData(91, "91-180")]
    [InlineData(180, "91-180")]
    [InlineData(181, "180+")]
    [InlineData(2000, "180+")]
    public void Days_past_due_fall_in_the_default_buckets_at_their_edges(int daysPastDue, string label)
    {
        var report = AgingCalculator.Compute(AsOf, "INR", [new(A, AsOf.AddDays(-daysPastDue), 100.25m)]);

        Assert.Equal(100.25m, report.Buckets.Single(b => b.Label == label).Amount);
        Assert.Equal(100.25m, report.Total);
        Assert.All(report.Buckets.Where(b => b.Label != label), b => Assert.Equal(0m, b.Amount));
    }

    [Fact]
    public void Totals_add_up_per_customer_and_overall_and_the_largest_customer_comes_first()
    {
        var report = AgingCalculator.Compute(AsOf, "INR",
        [
            new(A, AsOf.AddDays(5), 1000m),
            new(A, AsOf.AddDays(-45), 250.50m),
            new(B, AsOf.AddDays(-200), 5000m),
            new(B, AsOf.AddDays(-200), 0.01m),
        ]);

        Assert.Equal(6250.51m, report.Total);
        Assert.Equal(report.Total, report.Buckets.Sum(b => b.Amount));
        Assert.Equal([B, A], report.Customers.Select(c => c.CustomerId));
        Assert.Equal(5000.01m, report.Customers[0].Buckets.Single(b => b.Label == "180+").Amount);
        Assert.Equal(1250.50m, report.Customers[1].Total);
        Assert.Equal(["Not due", "1-30", "31-60", "61-90", "91-180", "180+"], report.Buckets.Select(b => b.Label));
    }

    [Fact]
    public void Nothing_open_gives_every_bucket_at_zero_and_no_customers()
    {
        var report = AgingCalculator.Compute(AsOf, "INR", []);

        Assert.Equal(0m, report.Total);
        Assert.Equal(6, report.Buckets.Count);
        Assert.Empty(report.Customers);
    }
}
