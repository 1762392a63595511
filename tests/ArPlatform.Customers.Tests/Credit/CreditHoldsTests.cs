using System.Globalization;
using ArPlatform.Customers.Credit;

namespace ArPlatform.Customers.Tests;

/// <summary>Automatic credit holds: when the rule puts one on, and when a hold must change.</summary>
public sealed class CreditHoldsTests
{
    private const string Overdue60 = "invoice INV-9 more than 60 days overdue";

    private static decimal Money(string amount) => decimal.Parse(amount, CultureInfo.InvariantCulture);

    [Theory]
    // exposure, limit, days the oldest invoice is overdue, the tenant's overdue-hold days, the reason
    [InlineData("100000", "100000", 0, null, null)] // exactly at the limit: no hold
    [InlineData("100000.01", "100000", 0, null, CreditHolds.OverLimit)] // a paisa over
    [InlineData("99999.99", "100000", 0, null, null)]
    [InlineData("5000000", null, 0, null, null)] // no limit set
    [InlineData("0", "0", 0, null, null)] // a zero limit with nothing owed
    [InlineData("0.01", "0", 0, null, CreditHolds.OverLimit)] // a zero limit: any exposure is over it
    [InlineData("-2500", "0", 0, null, null)] // a credit balance
    [InlineData("0", null, 60, 60, null)] // exactly the tenant's days overdue
    [InlineData("0", null, 61, 60, Overdue60)]
    [InlineData("0", null, 400, null, null)] // the tenant holds for no number of days
    [InlineData("0", null, 1, 0, "invoice INV-9 more than 0 days overdue")] // zero days: any overdue invoice
    [InlineData("0", null, 0, 0, null)] // due today is not overdue
    [InlineData("100000.01", "100000", 61, 60, CreditHolds.OverLimit)] // both: the limit is the reason given
    public void The_automatic_reason_is_exposure_over_the_limit_first_then_an_invoice_too_long_overdue(
        string exposure, string? limit, int overdueDays, int? overdueHoldDays, string? reason) =>
        Assert.Equal(reason, CreditHolds.AutomaticReason(Money(exposure), limit is null ? null : Money(limit), overdueDays, "INV-9", overdueHoldDays));

    [Theory]
    // on hold, put on by the rule, the hold's reason, the rule's reason now, whether the hold changes
    [InlineData(false, false, null, null, false)] // off and nothing applies
    [InlineData(false, false, null, CreditHolds.OverLimit, true)] // goes on
    [InlineData(true, true, CreditHolds.OverLimit, CreditHolds.OverLimit, false)] // stays as it is
    [InlineData(true, true, CreditHolds.OverLimit, Overdue60, true)] // same hold, new reason
    [InlineData(true, true, Overdue60, null, true)] // cured: comes off
    [InlineData(true, false, "customer asked", null, false)] // put on by hand: left alone
    [InlineData(true, false, "customer asked", CreditHolds.OverLimit, false)] // by hand, even when the rule now applies
    [InlineData(true, false, CreditHolds.OverLimit, CreditHolds.OverLimit, false)]
    public void A_hold_changes_when_the_rules_reason_differs_from_it_unless_it_was_put_on_by_hand(
        bool onHold, bool automatic, string? holdReason, string? automaticReason, bool changes) =>
        Assert.Equal(changes, CreditHolds.NeedsChange(onHold, automatic, holdReason, automaticReason));

    [Theory]
    // A customer with a ₹1,00,000 limit, on a tenant that holds at 60 days overdue, through a few days of its life.
    [InlineData("80000", 10, false, false, null, false)]
    [InlineData("120000", 10, false, false, null, true)] // a new invoice takes it over the limit: on
    [InlineData("120000", 10, true, true, CreditHolds.OverLimit, false)] // the next figures change nothing
    [InlineData("90000", 75, true, true, CreditHolds.OverLimit, true)] // paid under the limit, but one invoice is now 75 days late
    [InlineData("90000", 75, true, true, Overdue60, false)]
    [InlineData("40000", 0, true, true, Overdue60, true)] // the old invoice is paid: off
    public void Figures_that_change_put_an_automatic_hold_on_move_its_reason_and_take_it_off(
        string exposure, int overdueDays, bool onHold, bool automatic, string? holdReason, bool changes)
    {
        var reason = CreditHolds.AutomaticReason(Money(exposure), 100_000m, overdueDays, "INV-9", 60);

        Assert.Equal(changes, CreditHolds.NeedsChange(onHold, automatic, holdReason, reason));
    }
}
