using ArPlatform.Customers.Credit;
using ArPlatform.Customers.Risk;

namespace ArPlatform.Customers.Tests;

/// <summary>The credit decision rules on constructed customers.</summary>
public sealed class CreditDecisionTests
{
    private static CreditFacts Facts(
        decimal requested, string? rating = "A", decimal? current = 200_000m, decimal exposure = 150_000m, int days = 400, decimal monthly = 100_000m,
        bool onHold = false, bool automatic = false)
    {
        var behaviour = new PaymentBehaviour(Guid.Empty, rating is null ? 0 : 24, rating is null ? null : 2.5, rating is null ? 0 : 24, 0.1, 10, exposure, 0m, 0, null, 0,
            new DateOnly(2025, 1, 1));
        var score = rating is null ? 0 : RiskModel.Bands.TakeWhile(b => b.Rating != rating).Select(b => b.Below).LastOrDefault();
        return new CreditFacts(requested, current, exposure, onHold, automatic, onHold ? "reason" : null, new RiskScore(rating, score, []), behaviour, days, monthly);
    }

    [Fact]
    public void A_well_rated_customer_gets_what_its_billing_supports()
    {
        var approved = CreditDecisions.Decide(Facts(250_000m));
        Assert.Equal((CreditDecisions.Approved, 250_000m), (approved.Decision, approved.ApprovedLimit));
        Assert.Equal(["riskRating", "paymentHistory", "exposure", "relationshipAge", "monthlyBilling"], approved.Reasons.Select(r => r.Factor));
        Assert.Contains("300000.00", approved.Reasons.Single(r => r.Factor == "monthlyBilling").Value);

        // A asks for 500,000 but 3 × 100,000 a month supports 300,000; B only 2 ×.
        Assert.Equal((CreditDecisions.ApprovedLower, 300_000m), (CreditDecisions.Decide(Facts(500_000m)).Decision, CreditDecisions.Decide(Facts(500_000m)).ApprovedLimit));
        Assert.Equal(200_000m, CreditDecisions.Decide(Facts(500_000m, rating: "B", current: 100_000m)).ApprovedLimit);
    }

    [Theory]
    [InlineData("E", 400, false, false, "declined")]
    [InlineData("D", 400, false, false, "referred")]
    [InlineData(null, 400, false, false, "referred")]
    [InlineData("A", 30, false, false, "referred")]
    [InlineData("A", 400, true, true, "declined")]
    [InlineData("A", 400, true, false, "referred")]
    public void Risky_or_unknown_customers_are_declined_or_referred_and_keep_their_limit(string? rating, int days, bool onHold, bool automatic, string expected)
    {
        var decision = CreditDecisions.Decide(Facts(250_000m, rating, days: days, onHold: onHold, automatic: automatic));
        Assert.Equal((expected, 200_000m), (decision.Decision, decision.ApprovedLimit));
    }

    [Fact]
    public void A_lower_limit_is_always_approved_and_an_increase_that_would_not_cover_the_exposure_is_referred()
    {
        Assert.Equal(CreditDecisions.Approved, CreditDecisions.Decide(Facts(50_000m, rating: "E")).Decision);
        Assert.Equal(CreditDecisions.Referred, CreditDecisions.Decide(Facts(900_000m, current: 100_000m, exposure: 400_000m)).Decision);
    }
}
