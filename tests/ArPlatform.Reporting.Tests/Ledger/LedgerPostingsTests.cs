using System.Globalization;
using ArPlatform.Reporting.Aging;
using ArPlatform.Reporting.Ledger;

namespace ArPlatform.Reporting.Tests;

/// <summary>How invoices and the changes of what is open on them become ledger entries, the not-yet-due part included.</summary>
public sealed class LedgerPostingsTests
{
    private static readonly Guid Customer = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    private static readonly DateOnly InvoiceDate = new(2026, 11, 1);
    private static readonly DateOnly DueDate = new(2026, 11, 30);

    private static DateOnly Day(string day) => DateOnly.Parse(day, CultureInfo.InvariantCulture);

    private static decimal Money(string amount) => decimal.Parse(amount, CultureInfo.InvariantCulture);

    private static LedgerPosting Posting(DateOnly day, LedgerAmounts amounts) => new(Customer, day, amounts);

    /// <summary>The ledger's sums as of a day: every entry up to and including it.</summary>
    private static LedgerAmounts AsOf(IEnumerable<LedgerPosting> postings, DateOnly day) =>
        postings.Where(p => p.Day <= day).Aggregate(default(LedgerAmounts), (sum, p) => sum + p.Amounts);

    [Fact]
    public void An_invoice_is_sales_from_its_date_and_not_due_until_the_day_after_its_due_date()
    {
        Assert.Equal(
            [
                Posting(InvoiceDate, new LedgerAmounts { Invoiced = 1_18_000.50m }),
                Posting(InvoiceDate, new LedgerAmounts { NotDue = 1_18_000.50m }),
                Posting(new DateOnly(2026, 12, 1), new LedgerAmounts { NotDue = -1_18_000.50m }),
            ],
            LedgerPostings.OfInvoice(Customer, InvoiceDate, DueDate, 1_18_000.50m));
    }

    [Theory]
    [InlineData("2026-11-30", "2026-11-30", 2)] // due on its invoice date: not due that day, overdue the next
    [InlineData("2026-11-30", "2026-11-29", 0)] // recorded already overdue (an import of old invoices)
    [InlineData("2026-11-01", "2026-12-31", 2)]
    public void An_invoice_has_a_not_due_part_unless_recorded_past_its_due_date(string invoiceDate, string dueDate, int notDuePostings)
    {
        var postings = LedgerPostings.OfInvoice(Customer, Day(invoiceDate), Day(dueDate), 500m).ToList();

        Assert.Equal(500m, postings[0].Amounts.Invoiced);
        Assert.Equal(notDuePostings, postings.Count(p => p.Amounts.NotDue != 0));
        Assert.Equal(0m, postings.Sum(p => p.Amounts.NotDue));
    }

    [Fact]
    public void A_zero_invoice_is_sales_of_nothing_with_no_not_due_part() =>
        Assert.Equal([Posting(InvoiceDate, default)], LedgerPostings.OfInvoice(Customer, InvoiceDate, DueDate, 0m));

    [Theory]
    // kind, effective, amount (positive reduces what is open), what the entry of that day adds
    [InlineData(SettlementKinds.Allocated, "2026-12-10", "400", "collected", "400", "4000")] // ten days late
    [InlineData(SettlementKinds.Allocated, "2026-11-30", "400", "collected", "400", "0")] // on the due date
    [InlineData(SettlementKinds.Allocated, "2026-11-20", "400", "collected", "400", "-4000")] // ten days early
    [InlineData(SettlementKinds.Allocated, "2026-12-07", "333.33", "collected", "333.33", "2333.31")] // to the paisa
    [InlineData(SettlementKinds.Reversed, "2026-12-20", "-400", "collected", "-400", "-8000")]
    [InlineData(SettlementKinds.CreditNote, "2026-12-10", "150.25", "credit notes", "150.25", "0")]
    [InlineData(SettlementKinds.DebitNote, "2026-12-10", "-200", "debit notes", "200", "0")] // a debit note adds to what is open
    [InlineData(SettlementKinds.WrittenOff, "2026-12-10", "99.99", "written off", "99.99", "0")]
    [InlineData(SettlementKinds.Cancelled, "2026-12-10", "1000", "cancelled", "1000", "0")]
    public void A_settlement_is_posted_to_its_flow_on_its_effective_date(
        string kind, string effective, string amount, string flow, string posted, string daysLate)
    {
        var day = Day(effective);

        var entry = LedgerPostings.OfSettlement(kind, Customer, DueDate, day, Money(amount)).First();

        var expected = flow switch
        {
            "collected" => new LedgerAmounts { Collected = Money(posted), CollectedDaysLate = Money(daysLate) },
            "credit notes" => new LedgerAmounts { CreditNotes = Money(posted) },
            "debit notes" => new LedgerAmounts { DebitNotes = Money(posted) },
            "written off" => new LedgerAmounts { WrittenOff = Money(posted) },
            _ => new LedgerAmounts { Cancelled = Money(posted) },
        };
        Assert.Equal(Posting(day, expected), entry);
    }

    [Theory]
    [InlineData(SettlementKinds.Allocated, "400", "-400")] // paid before it was due: less is not yet due
    [InlineData(SettlementKinds.DebitNote, "-200", "200")] // a debit note before the due date: more is not yet due
    public void A_settlement_up_to_the_due_date_moves_the_not_due_part_until_the_day_after(string kind, string amount, string notDue)
    {
        var postings = LedgerPostings.OfSettlement(kind, Customer, DueDate, DueDate.AddDays(-10), Money(amount)).ToList();

        Assert.Equal(
            [(DueDate.AddDays(-10), Money(notDue)), (DueDate.AddDays(1), -Money(notDue))],
            postings.Skip(1).Select(p => (p.Day, p.Amounts.NotDue)));
        Assert.All(postings.Skip(1), p => Assert.Equal(new LedgerAmounts { NotDue = p.Amounts.NotDue }, p.Amounts));
    }

    [Theory]
    [InlineData(0, 3)] // on the due date: still not due that day
    [InlineData(1, 1)]
    [InlineData(30, 1)]
    public void A_settlement_moves_the_not_due_part_only_up_to_the_due_date(int daysAfterDue, int postings) =>
        Assert.Equal(postings, LedgerPostings.OfSettlement(SettlementKinds.CreditNote, Customer, DueDate, DueDate.AddDays(daysAfterDue), 10m).Count());

    [Fact]
    public void A_zero_settlement_posts_nothing_not_due() =>
        Assert.Equal([Posting(DueDate.AddDays(-5), default)], LedgerPostings.OfSettlement(SettlementKinds.Allocated, Customer, DueDate, DueDate.AddDays(-5), 0m));

    [Fact]
    public void An_unknown_settlement_kind_is_refused_when_the_postings_are_read()
    {
        var postings = LedgerPostings.OfSettlement("refund", Customer, DueDate, DueDate, 10m);

        Assert.Equal("kind", Assert.Throws<ArgumentOutOfRangeException>(() => postings.ToList()).ParamName);
    }

    [Fact]
    public void An_invoice_partly_paid_early_then_credited_adds_up_day_by_day()
    {
        var postings = LedgerPostings.OfInvoice(Customer, InvoiceDate, DueDate, 1000m)
            .Concat(LedgerPostings.OfSettlement(SettlementKinds.Allocated, Customer, DueDate, new DateOnly(2026, 11, 10), 400m))
            .Concat(LedgerPostings.OfSettlement(SettlementKinds.CreditNote, Customer, DueDate, new DateOnly(2026, 12, 5), 100m))
            .ToList();

        Assert.Equal((0m, 0m), (AsOf(postings, InvoiceDate.AddDays(-1)).Receivables, AsOf(postings, InvoiceDate.AddDays(-1)).NotDue));
        Assert.Equal((1000m, 1000m, 1000m), (AsOf(postings, InvoiceDate).Receivables, AsOf(postings, InvoiceDate).NotDue, AsOf(postings, InvoiceDate).CreditSales));
        Assert.Equal((600m, 600m), (AsOf(postings, new DateOnly(2026, 11, 10)).Receivables, AsOf(postings, new DateOnly(2026, 11, 10)).NotDue));
        Assert.Equal((600m, 600m), (AsOf(postings, DueDate).Receivables, AsOf(postings, DueDate).NotDue)); // the due date: not due yet
        Assert.Equal((600m, 0m), (AsOf(postings, DueDate.AddDays(1)).Receivables, AsOf(postings, DueDate.AddDays(1)).NotDue));
        var end = AsOf(postings, new DateOnly(2026, 12, 31));
        Assert.Equal((500m, 0m, 400m, -8_000m), (end.Receivables, end.NotDue, end.Collected, end.CollectedDaysLate));
    }

    [Fact]
    public void The_difference_of_two_sums_is_what_happened_between_them()
    {
        var postings = LedgerPostings.OfInvoice(Customer, InvoiceDate, DueDate, 1000m)
            .Concat(LedgerPostings.OfSettlement(SettlementKinds.Allocated, Customer, DueDate, new DateOnly(2026, 12, 3), 250m))
            .ToList();

        var december = AsOf(postings, new DateOnly(2026, 12, 31)).Difference(AsOf(postings, new DateOnly(2026, 11, 30)));

        Assert.Equal(new LedgerAmounts { Collected = 250m, CollectedDaysLate = 750m, NotDue = -1000m }, december);
        Assert.True((december + december).Difference(december) == december);
        Assert.True(default(LedgerAmounts).IsZero);
        Assert.False(december.IsZero);
    }

    [Fact(Skip = "Shows a bug left for the lead (see the branch report): a reversal takes its cash back at the reversal's days late, not the payment's.")]
    public void A_bounced_payment_adds_nothing_to_how_late_the_customer_pays()
    {
        // Paid 400 ten days late, bounced ten days later, paid again 35 days late: the customer paid 35 days late.
        var postings = LedgerPostings.OfSettlement(SettlementKinds.Allocated, Customer, DueDate, DueDate.AddDays(10), 400m)
            .Concat(LedgerPostings.OfSettlement(SettlementKinds.Reversed, Customer, DueDate, DueDate.AddDays(20), -400m))
            .Concat(LedgerPostings.OfSettlement(SettlementKinds.Allocated, Customer, DueDate, DueDate.AddDays(35), 400m))
            .ToList();

        var sums = AsOf(postings, DueDate.AddDays(60));

        Assert.Equal(35m, sums.CollectedDaysLate / sums.Collected); // today: (4,000 − 8,000 + 14,000) / 400 = 25
    }

    [Theory]
    [InlineData("2026-12-31", "2026-12-01")]
    [InlineData("2026-12-01", "2026-12-01")]
    [InlineData("2024-02-29", "2024-02-01")]
    public void An_entry_belongs_to_the_first_day_of_its_month(string day, string month) =>
        Assert.Equal(Day(month), LedgerPostings.MonthOf(Day(day)));
}
