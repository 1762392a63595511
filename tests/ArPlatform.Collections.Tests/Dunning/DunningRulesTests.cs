using System.Globalization;
using ArPlatform.Collections.Dunning;

namespace ArPlatform.Collections.Tests;

/// <summary>The dunning rules (ADR 0019) as a pure function: which step is due, and what an account does on a date.</summary>
public sealed class DunningRulesTests
{
    // Due on a Monday; the default strategy's steps: courtesy -3, reminder 1, call 7, letter-l2 15, letter-l3 30,
    // spoc 45, final-notice 60, agency 90 (days from the due date).
    private static readonly DateOnly Due = new(2026, 11, 2);
    private static readonly DunningStrategy Strategy = DefaultStrategy.For(Guid.Empty);
    private static readonly IReadOnlyList<DunningStep> Steps = [.. Strategy.Steps.OrderBy(s => s.DayOffset)];
    private static readonly AccountState NotPaused = new(null, null);

    private static ItemState Item(
        string number = "INV-1", decimal open = 1000m, decimal disputed = 0m, int? position = null, bool promised = false, DateOnly? due = null,
        string? heldFor = null, DateOnly? heldFrom = null, DateOnly? heldUntil = null, DateOnly? recordedOn = null) =>
        new(Guid.NewGuid(), number, due ?? Due, open, disputed, position, promised, heldFor, heldFrom, heldUntil, recordedOn);

    private static DunningStrategy WithMinimum(decimal minimum) => new()
    {
        Code = "min",
        Name = "With a minimum",
        AppliesTo = new StrategyScope(MinOverdueAmount: minimum),
        Steps = Strategy.Steps,
    };

    [Theory]
    [InlineData(-4, null)] // before the courtesy reminder
    [InlineData(-3, "courtesy")]
    [InlineData(0, "courtesy")] // due today: not overdue yet
    [InlineData(1, "reminder")]
    [InlineData(6, "reminder")]
    [InlineData(7, "call")]
    [InlineData(14, "call")]
    [InlineData(15, "letter-l2")]
    [InlineData(29, "letter-l2")]
    [InlineData(30, "letter-l3")]
    [InlineData(45, "spoc")]
    [InlineData(59, "spoc")]
    [InlineData(60, "final-notice")]
    [InlineData(89, "final-notice")]
    [InlineData(90, "agency")]
    [InlineData(1000, "agency")]
    public void The_due_step_is_the_last_whose_day_offset_the_item_has_reached(int daysPastDue, string? expected)
    {
        var asOf = Due.AddDays(daysPastDue);

        Assert.Equal(expected, DunningRules.DueStep(Steps, Due, asOf)?.Code);
        Assert.Equal(expected, DunningRules.DueStep(Steps, Item(), asOf)?.Code);
    }

    [Fact]
    public void A_strategy_without_steps_has_no_due_step() =>
        Assert.Null(DunningRules.DueStep([], Due, Due.AddDays(365)));

    [Theory]
    [InlineData(null, null, false)] // nothing due yet
    [InlineData(7, null, true)] // never dunned
    [InlineData(7, 1, true)] // the reminder was taken, the call is due
    [InlineData(7, 7, false)] // the call was taken
    [InlineData(7, 15, false)] // a position never moves back
    [InlineData(-3, -3, false)]
    [InlineData(1, -3, true)]
    public void An_item_acts_only_when_its_due_step_is_past_its_position(int? dueOffset, int? position, bool expected)
    {
        var dueStep = dueOffset is { } offset ? Steps.Single(s => s.DayOffset == offset) : null;

        Assert.Equal(expected, DunningRules.IsPast(dueStep, position));
    }

    [Fact]
    public void An_item_past_its_position_takes_the_due_step_for_its_undisputed_amount()
    {
        var item = Item(open: 1000.10m, disputed: 0.01m, position: 1);

        var decision = DunningRules.Decide(Strategy, NotPaused, [item], Due.AddDays(7));

        Assert.NotNull(decision);
        Assert.Equal("call", decision.Step.Code);
        var acted = Assert.Single(decision.Items);
        Assert.Equal((item.InvoiceId, "INV-1", Due, 1000.10m, 1000.09m, 7),
            (acted.InvoiceId, acted.InvoiceNumber, acted.DueDate, acted.OpenAmount, acted.DunnedAmount, acted.DaysOverdue));
        Assert.Equal(1000.09m, decision.Amount);
        Assert.Empty(decision.Skipped);
    }

    [Fact]
    public void The_courtesy_reminder_goes_three_days_before_the_due_date_and_counts_no_days_overdue()
    {
        Assert.Null(DunningRules.Decide(Strategy, NotPaused, [Item()], Due.AddDays(-4)));

        var decision = DunningRules.Decide(Strategy, NotPaused, [Item()], Due.AddDays(-3));

        Assert.Equal("courtesy", decision?.Step.Code);
        Assert.Equal(0, Assert.Single(decision!.Items).DaysOverdue);
    }

    [Fact]
    public void An_item_already_at_its_due_step_takes_nothing() =>
        Assert.Null(DunningRules.Decide(Strategy, NotPaused, [Item(position: 7)], Due.AddDays(14)));

    [Theory]
    [InlineData("0", "0")] // nothing open
    [InlineData("-250", "0")] // a credit balance on the invoice
    [InlineData("1000", "1000")] // wholly disputed
    [InlineData("1000", "1200")] // disputed more than is open
    public void An_item_with_nothing_undisputed_open_is_not_dunned(string open, string disputed)
    {
        var item = Item(open: decimal.Parse(open, CultureInfo.InvariantCulture), disputed: decimal.Parse(disputed, CultureInfo.InvariantCulture));

        Assert.Equal(0m, item.Dunnable);
        Assert.Null(DunningRules.Decide(Strategy, NotPaused, [item], Due.AddDays(30)));
    }

    [Fact]
    public void An_item_an_open_promise_covers_is_not_dunned_but_the_accounts_other_items_are()
    {
        Assert.Null(DunningRules.Decide(Strategy, NotPaused, [Item(promised: true)], Due.AddDays(30)));

        var other = Item("INV-2", position: 15);
        var decision = DunningRules.Decide(Strategy, NotPaused, [Item(promised: true), other], Due.AddDays(30));

        Assert.Equal("letter-l3", decision?.Step.Code);
        Assert.Equal([other.InvoiceId], decision!.Items.Select(i => i.InvoiceId));
    }

    [Theory]
    [InlineData(-1, false)] // the day before the pause
    [InlineData(0, true)] // its first day
    [InlineData(5, true)]
    [InlineData(10, true)] // its last day: still paused
    [InlineData(11, false)] // the day after
    public void A_paused_account_takes_no_step_from_the_first_to_the_last_day_of_its_pause(int dayOfPause, bool paused)
    {
        var from = Due.AddDays(20);
        var account = new AccountState(from, from.AddDays(10));
        var asOf = from.AddDays(dayOfPause);

        Assert.Equal(paused, account.PausedOn(asOf));
        Assert.Equal(paused, DunningRules.Decide(Strategy, account, [Item(position: 1)], asOf) is null);
    }

    [Fact]
    public void A_pause_without_a_start_holds_until_its_last_day()
    {
        var account = new AccountState(null, Due.AddDays(10));

        Assert.Null(DunningRules.Decide(Strategy, account, [Item(position: 1)], Due.AddDays(10)));
        Assert.Equal("call", DunningRules.Decide(Strategy, account, [Item(position: 1)], Due.AddDays(11))?.Step.Code);
    }

    [Fact]
    public void The_day_after_a_pause_the_account_takes_the_due_step_and_records_the_ones_the_pause_passed_over()
    {
        // Paused from day 5 to day 16: the call (day 7) and the letter to the finance manager (day 15) fell in it.
        var account = new AccountState(Due.AddDays(5), Due.AddDays(16));

        var decision = DunningRules.Decide(Strategy, account, [Item(position: 1)], Due.AddDays(17));

        Assert.Equal("letter-l2", decision?.Step.Code);
        var skipped = Assert.Single(decision!.Skipped);
        Assert.Equal(("call", SkipReasons.Paused), (skipped.Step.Code, skipped.Reason));
        Assert.Equal(17, Assert.Single(skipped.Items).DaysOverdue); // the items as they stand on the run's date
    }

    [Fact]
    public void A_step_due_on_a_saturday_is_due_that_day_the_rules_count_calendar_days()
    {
        // Due Saturday 2026-11-21: the call (day 7) is due Saturday 2026-11-28. The rules know no business days.
        var due = new DateOnly(2026, 11, 21);
        var item = Item(position: 1, due: due);

        Assert.Equal(DayOfWeek.Saturday, due.AddDays(7).DayOfWeek);
        Assert.Equal("call", DunningRules.Decide(Strategy, NotPaused, [item], due.AddDays(7))?.Step.Code);

        // No run over the weekend: Monday's run takes the same call, two days late, and records nothing skipped.
        var monday = DunningRules.Decide(Strategy, NotPaused, [item], new DateOnly(2026, 11, 30));
        Assert.Equal("call", monday?.Step.Code);
        Assert.Equal(9, Assert.Single(monday!.Items).DaysOverdue);
        Assert.Empty(monday.Skipped);
    }

    [Fact]
    public void A_step_a_missed_run_passed_over_is_recorded_as_missed_when_a_later_one_is_taken()
    {
        // The call was due on day 7; nothing ran until day 16, when the letter to the finance manager is due.
        var decision = DunningRules.Decide(Strategy, NotPaused, [Item(position: 1)], Due.AddDays(16));

        Assert.Equal("letter-l2", decision?.Step.Code);
        Assert.Equal([("call", SkipReasons.MissedRun)], decision!.Skipped.Select(s => (s.Step.Code, s.Reason)));
    }

    [Fact]
    public void Of_items_at_different_steps_the_account_takes_the_highest_for_all_and_a_step_due_the_same_day_is_superseded()
    {
        var atCall = Item("INV-7", position: 1, due: Due.AddDays(24)); // day 7: the call is due today
        var atLetter = Item("INV-31", position: 15); // day 31: the letter to upper management
        var asOf = Due.AddDays(31);

        var decision = DunningRules.Decide(Strategy, NotPaused, [atCall, atLetter], asOf);

        Assert.Equal("letter-l3", decision?.Step.Code);
        Assert.Equal(["INV-7", "INV-31"], decision!.Items.Select(i => i.InvoiceNumber));
        Assert.Equal(2000m, decision.Amount);
        var skipped = Assert.Single(decision.Skipped);
        Assert.Equal(("call", SkipReasons.Superseded, "INV-7"), (skipped.Step.Code, skipped.Reason, Assert.Single(skipped.Items).InvoiceNumber));
    }

    [Fact]
    public void A_step_passed_over_while_the_item_was_held_gives_the_hold_as_its_reason()
    {
        // Disputed from day 5 to day 10 (the call, day 7, fell in it), then the dispute was resolved.
        var item = Item(position: 1, heldFor: SkipReasons.Disputed, heldFrom: Due.AddDays(5), heldUntil: Due.AddDays(10));

        var decision = DunningRules.Decide(Strategy, NotPaused, [item], Due.AddDays(16));

        Assert.Equal([("call", SkipReasons.Disputed)], decision!.Skipped.Select(s => (s.Step.Code, s.Reason)));
    }

    [Fact]
    public void An_invoice_recorded_late_takes_its_due_step_and_the_earlier_ones_were_never_its_to_take()
    {
        // Imported on day 40, never dunned: the letter to upper management (day 30) is due.
        var decision = DunningRules.Decide(Strategy, NotPaused, [Item(recordedOn: Due.AddDays(40))], Due.AddDays(40));

        Assert.Equal("letter-l3", decision?.Step.Code);
        Assert.Equal(
            [("courtesy", SkipReasons.BeforeRecorded), ("reminder", SkipReasons.BeforeRecorded), ("call", SkipReasons.BeforeRecorded), ("letter-l2", SkipReasons.BeforeRecorded)],
            decision!.Skipped.Select(s => (s.Step.Code, s.Reason)));
    }

    [Fact]
    public void A_skipped_step_of_several_items_says_the_reason_that_matters_most()
    {
        // On the call's day (7): one item was held for a promise, another was simply not run for; the hold is the reason.
        var held = Item("INV-H", position: 1, heldFor: SkipReasons.Promise, heldFrom: Due.AddDays(3), heldUntil: Due.AddDays(8));
        var missed = Item("INV-M", position: 1);
        var late = Item("INV-L", position: 1, recordedOn: Due.AddDays(9));

        Assert.Equal(SkipReasons.Promise, SkippedCall(held, missed, late));
        Assert.Equal(SkipReasons.MissedRun, SkippedCall(missed, late));
        Assert.Equal(SkipReasons.BeforeRecorded, SkippedCall(late));

        static string SkippedCall(params ItemState[] items) =>
            DunningRules.Decide(Strategy, NotPaused, items, Due.AddDays(16))!.Skipped.Single(s => s.Step.Code == "call").Reason;
    }

    [Fact]
    public void A_step_the_account_already_has_on_the_date_is_not_taken_again_nor_recorded_as_skipped()
    {
        var items = new[] { Item(position: 1) };
        var asOf = Due.AddDays(16);

        Assert.Null(DunningRules.Decide(Strategy, NotPaused, items, asOf, new HashSet<string> { "letter-l2" }));

        var decision = DunningRules.Decide(Strategy, NotPaused, items, asOf, new HashSet<string> { "call" });
        Assert.Equal("letter-l2", decision?.Step.Code);
        Assert.Empty(decision!.Skipped);
    }

    [Theory]
    [InlineData("999.99", false)] // a paisa short of the minimum
    [InlineData("1000.00", true)] // exactly the minimum
    [InlineData("1000.01", true)]
    public void An_account_under_the_strategys_minimum_overdue_amount_takes_no_step(string overdue, bool acts)
    {
        var amount = decimal.Parse(overdue, CultureInfo.InvariantCulture);
        // The minimum counts what is overdue and undisputed: the disputed 500 and the item not yet due add nothing.
        var items = new[]
        {
            Item("INV-1", open: amount + 500m, disputed: 500m, position: 1),
            Item("INV-2", open: 5000m, due: Due.AddDays(20)),
        };

        Assert.Equal(acts, DunningRules.Decide(WithMinimum(1000m), NotPaused, items, Due.AddDays(7)) is not null);
    }

    [Fact]
    public void Under_a_minimum_not_even_the_courtesy_reminder_goes_since_nothing_is_overdue_yet()
    {
        Assert.Equal("courtesy", DunningRules.Decide(Strategy, NotPaused, [Item(open: 5000m)], Due.AddDays(-3))?.Step.Code);
        Assert.Null(DunningRules.Decide(WithMinimum(1m), NotPaused, [Item(open: 5000m)], Due.AddDays(-3)));
    }

    [Fact]
    public void Steps_are_taken_in_day_offset_order_whatever_order_the_strategy_lists_them_in()
    {
        var shuffled = new DunningStrategy { Code = "s", Name = "Shuffled", Steps = [.. Strategy.Steps.OrderByDescending(s => s.Code)] };

        Assert.Equal("call", DunningRules.Decide(shuffled, NotPaused, [Item(position: 1)], Due.AddDays(8))?.Step.Code);
    }
}
