using ArPlatform.Customers.Risk;

namespace ArPlatform.Customers.Tests;

/// <summary>The scorecard on constructed payment histories.</summary>
public sealed class RiskModelTests
{
    private static PaymentBehaviour History(
        double? averageLate = 0, double? shareLate = 0, int worst = 0, decimal open = 0, decimal overdue = 0, int oldestDays = 0, int bounced = 0, int payments = 10) =>
        new(Guid.Empty, payments, averageLate, payments, shareLate, worst, open, overdue, oldestDays, overdue > 0 ? "INV-1" : null, bounced, new DateOnly(2025, 1, 1));

    [Fact]
    public void A_customer_that_always_pays_on_time_is_rated_A_with_no_points()
    {
        var score = RiskModel.Score(History(open: 50_000m));
        Assert.Equal(("A", 0), (score.Rating, score.Score));
        Assert.All(score.Factors, f => Assert.Equal(0, f.Points));
    }

    [Fact]
    public void A_chronic_late_payer_with_old_overdue_invoices_is_rated_E_and_every_factor_says_why()
    {
        var score = RiskModel.Score(History(averageLate: 45, shareLate: 0.8, worst: 75, open: 100_000m, overdue: 40_000m, oldestDays: 95));
        // 30 (45 days late) + 16 (80 % late) + 20 (95 days, open) + 4 (40 % overdue) = 70
        Assert.Equal(("E", 70), (score.Rating, score.Score));
        Assert.Equal([("averageDaysLate", 30), ("shareSettledLate", 16), ("worstDaysLate12Months", 20), ("overdueShare", 4), ("bouncedPayments12Months", 0)],
            score.Factors.Select(f => (f.Factor, f.Points)));
        Assert.Contains("INV-1", score.Factors.Single(f => f.Factor == "overdueShare").Value);
    }

    [Fact]
    public void Occasional_short_delays_give_B_and_bounced_cheques_add_points()
    {
        Assert.Equal(("B", 21), (RiskModel.Score(History(averageLate: 8, shareLate: 0.3, worst: 20)).Rating, RiskModel.Score(History(averageLate: 8, shareLate: 0.3, worst: 20)).Score));
        Assert.Equal(("B", 10), (RiskModel.Score(History(bounced: 2)).Rating, RiskModel.Score(History(bounced: 3)).Score));
    }

    [Fact]
    public void A_customer_with_nothing_paid_settled_or_overdue_has_no_rating_yet()
    {
        var score = RiskModel.Score(History(averageLate: null, shareLate: null, open: 10_000m, payments: 0));
        Assert.Null(score.Rating);
        Assert.Equal("no payments yet", score.Factors[0].Value);
    }

    [Fact]
    public void Paying_later_never_improves_the_rating()
    {
        var ratings = Enumerable.Range(0, 120).Select(days => RiskModel.Score(History(averageLate: days, shareLate: Math.Min(1, days / 60.0), worst: days * 2)).Rating!).ToList();
        Assert.Equal(ratings.Order(StringComparer.Ordinal), ratings);
        Assert.Equal(("A", "E"), (ratings[0], ratings[^1]));
    }
}
