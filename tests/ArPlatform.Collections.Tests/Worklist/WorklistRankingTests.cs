using System.Globalization;
using ArPlatform.Collections.Accounts;
using ArPlatform.Collections.Dunning;
using ArPlatform.Collections.Promises;
using ArPlatform.Collections.Worklist;

namespace ArPlatform.Collections.Tests;

/// <summary>A worklist row's score (ADR 0019): each reason's points, their caps, and the sum.</summary>
public sealed class WorklistRankingTests
{
    private static readonly DateOnly AsOf = new(2026, 12, 7);
    private static readonly Guid Customer = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    private static readonly DunningStrategy Standard = DefaultStrategy.For(Guid.Empty);

    // A strategy without steps: no dunning step is ever due, so a test sees only the factor it varies.
    private static readonly DunningStrategy NoSteps = new() { Code = "none", Name = "No steps" };

    private static CollectionAccount Account(string? rating = null, int brokenPromises = 0, DateOnly? pausedFrom = null, DateOnly? pausedUntil = null) => new()
    {
        CustomerId = Customer,
        Code = "CUST-1",
        Name = "Shree Ganesh Traders",
        RiskRating = rating,
        BrokenPromises = brokenPromises,
        PausedFrom = pausedFrom,
        PausedUntil = pausedUntil,
    };

    private static WorklistItem Item(int daysPastDue, decimal open = 100m, int? position = null, string? positionStep = null, string number = "INV-1") =>
        new(Customer, Guid.NewGuid(), number, AsOf.AddDays(-daysPastDue), open, 0m, position, positionStep);

    private static PromiseToPay Promise(DateOnly promisedDate, decimal amount, params Guid[] invoices) =>
        new() { CustomerId = Customer, Status = PromiseStatuses.Open, Amount = amount, PromisedDate = promisedDate, InvoiceIds = invoices };

    private static WorklistRow Row(
        CollectionAccount account, List<WorklistItem> items, List<PromiseToPay>? promises = null, int disputesPastSla = 0, int tasksDue = 0,
        DunningStrategy? strategy = null, DateOnly? asOf = null)
    {
        strategy ??= NoSteps;
        return WorklistRanking.Row(account, items, promises ?? [], disputesPastSla, tasksDue, strategy, [.. strategy.Steps.OrderBy(s => s.DayOffset)], asOf ?? AsOf);
    }

    private static int Points(WorklistRow row, string factor) => row.Reasons.SingleOrDefault(r => r.Factor == factor)?.Points ?? 0;

    [Theory]
    [InlineData("0.01", 0)]
    [InlineData("9999.99", 0)] // a paisa short of the first point
    [InlineData("10000", 1)]
    [InlineData("19999.99", 1)]
    [InlineData("299999.99", 29)]
    [InlineData("300000", 30)]
    [InlineData("50000000", 30)] // at most 30
    public void Overdue_amount_scores_one_point_per_ten_thousand_rupees_up_to_thirty(string overdue, int points)
    {
        var row = Row(Account(), [Item(1, decimal.Parse(overdue, CultureInfo.InvariantCulture))]);

        Assert.Equal(points, Points(row, "overdue amount"));
        Assert.Equal(points, row.Score);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(89, 29)]
    [InlineData(90, 30)]
    [InlineData(400, 30)] // at most 30
    public void The_oldest_overdue_items_age_scores_one_point_per_three_days_up_to_thirty(int days, int points)
    {
        var row = Row(Account(), [Item(1, number: "INV-NEW"), Item(days, number: "INV-OLD")]);

        Assert.Equal(days, row.DaysOverdue);
        Assert.Equal(points, Points(row, "age"));
        Assert.Equal(points, row.Score);
    }

    [Fact]
    public void An_item_due_today_is_open_but_not_overdue_and_has_no_age()
    {
        var row = Row(Account(), [Item(0, 50_000m), Item(-10, 20_000m)]);

        Assert.Equal((70_000m, 0m, 0, 0), (row.Open, row.Overdue, row.DaysOverdue, row.Score));
        Assert.Empty(row.Reasons);
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("A", 0)]
    [InlineData("B", 3)]
    [InlineData("C", 6)]
    [InlineData("D", 10)]
    [InlineData("E", 15)]
    public void The_risk_rating_scores_by_its_letter(string? rating, int points)
    {
        Assert.Equal(points, WorklistRanking.RiskPoints(rating));
        Assert.Equal(points, Row(Account(rating), [Item(1)]).Score);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(7, 20)] // at most 20
    public void Broken_promises_and_disputes_past_their_sla_score_ten_each_up_to_twenty(int count, int points)
    {
        Assert.Equal(points, Points(Row(Account(brokenPromises: count), [Item(1)]), "broken promises"));
        Assert.Equal(points, Points(Row(Account(), [Item(1)], disputesPastSla: count), "disputes past SLA"));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 10)]
    [InlineData(4, 10)] // one or many
    public void Tasks_due_score_ten_however_many(int tasks, int points) =>
        Assert.Equal(points, Points(Row(Account(), [Item(1)], tasksDue: tasks), "next actions due"));

    [Theory]
    [InlineData(-1, 0)] // was due yesterday: still open in its grace days, no longer "due today"
    [InlineData(0, 15)]
    [InlineData(1, 0)]
    public void A_promise_due_today_scores_fifteen_and_says_how_much_is_promised(int promisedInDays, int points)
    {
        var promises = new List<PromiseToPay> { Promise(AsOf.AddDays(promisedInDays), 12_500.50m), Promise(AsOf.AddDays(promisedInDays), 0.50m) };

        var row = Row(Account(), [Item(1)], promises);

        Assert.Equal(points, Points(row, "promise due today"));
        if (points > 0)
        {
            Assert.Equal("₹12,501.00 promised for today", row.Reasons.Single(r => r.Factor == "promise due today").Detail);
        }
    }

    [Fact]
    public void A_dunning_step_the_next_run_would_take_scores_five_and_names_the_step()
    {
        var row = Row(Account(), [Item(7, position: 1, positionStep: "reminder")], strategy: Standard);

        Assert.Equal(("reminder", "call"), (row.StepReached, row.StepDue));
        Assert.Equal(new ScoreReason("dunning step due", "Collector's call is due", 5), row.Reasons.Single(r => r.Factor == "dunning step due"));
        Assert.Equal(7 / 3 + 5, row.Score);
    }

    [Theory]
    [InlineData(7, null, 0)] // the call was taken
    [InlineData(1, "call", 5)] // the reminder was taken
    public void A_step_already_taken_scores_nothing(int position, string? stepDue, int points)
    {
        var row = Row(Account(), [Item(8, position: position)], strategy: Standard);

        Assert.Equal((stepDue, points), (row.StepDue, Points(row, "dunning step due")));
    }

    [Theory]
    [InlineData(0, 0)] // the pause's last day
    [InlineData(1, 5)] // the day after
    public void A_paused_account_has_no_step_due_until_its_pause_is_over(int daysAfterPause, int points)
    {
        var account = Account(pausedFrom: AsOf.AddDays(-5), pausedUntil: AsOf.AddDays(-daysAfterPause));

        Assert.Equal(points, Points(Row(account, [Item(7, position: 1)], strategy: Standard), "dunning step due"));
    }

    [Fact]
    public void An_item_an_open_promise_covers_has_no_step_due()
    {
        var item = Item(7, position: 1);

        Assert.Null(Row(Account(), [item], [Promise(AsOf.AddDays(3), 100m, item.InvoiceId)], strategy: Standard).StepDue);
        Assert.Equal("call", Row(Account(), [item], [Promise(AsOf.AddDays(3), 100m, Guid.NewGuid())], strategy: Standard).StepDue);
    }

    [Fact]
    public void The_score_is_the_sum_of_every_reasons_points_in_a_fixed_order()
    {
        var item = Item(45, 1_25_000m, position: 30, positionStep: "letter-l3", number: "INV-OLD");
        var row = Row(Account("D", brokenPromises: 1), [item, Item(-3, 40_000m, number: "INV-NEW")],
            [Promise(AsOf, 25_000m, Guid.NewGuid())], disputesPastSla: 1, tasksDue: 2, strategy: Standard);

        Assert.Equal(
            [
                new ScoreReason("overdue amount", "₹1,25,000.00 overdue", 12),
                new ScoreReason("age", "oldest overdue item 45 days past due", 15),
                new ScoreReason("risk rating", "rated D", 10),
                new ScoreReason("broken promises", "1 broken", 10),
                new ScoreReason("promise due today", "₹25,000.00 promised for today", 15),
                new ScoreReason("disputes past SLA", "1 past the client's response time", 10),
                new ScoreReason("next actions due", "2 task(s) due", 10),
                new ScoreReason("dunning step due", "Escalation to the client's SPOC is due", 5),
            ],
            row.Reasons);
        Assert.Equal(87, row.Score);
        Assert.Equal((1_65_000m, 1_25_000m, 45, "letter-l3", "spoc"), (row.Open, row.Overdue, row.DaysOverdue, row.StepReached, row.StepDue));
    }

    [Fact]
    public void An_account_with_nothing_open_scores_nothing()
    {
        var row = Row(Account(), [], strategy: Standard);

        Assert.Equal((0m, 0m, 0, 0, null, null), (row.Open, row.Overdue, row.DaysOverdue, row.Score, row.StepReached, row.StepDue));
        Assert.Empty(row.Reasons);
    }
}
