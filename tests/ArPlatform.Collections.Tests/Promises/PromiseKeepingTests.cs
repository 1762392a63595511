using System.Globalization;
using ArPlatform.Collections.Accounts;
using ArPlatform.Collections.Promises;

namespace ArPlatform.Collections.Tests;

/// <summary>Whether a promise to pay is kept, partially kept or broken when its window (or an instalment's) closes.</summary>
public sealed class PromiseKeepingTests
{
    // Made on 1 December for ₹10,000 by 10 December, with two grace days: cash counts from the 1st to the 12th.
    private static readonly DateOnly MadeOn = new(2026, 12, 1);
    private static readonly DateOnly PromisedDate = new(2026, 12, 10);
    private static readonly DateOnly WindowEnd = new(2026, 12, 12);
    private static readonly Guid Named = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Other = Guid.Parse("00000000-0000-0000-0000-0000000000a2");

    private static PromiseToPay Promise(bool namedInvoices = false, params Instalment[] instalments) => new()
    {
        Status = PromiseStatuses.Open,
        Amount = 10_000m,
        MadeOn = MadeOn,
        PromisedDate = PromisedDate,
        GraceDays = 2,
        InvoiceIds = [Named],
        NamedInvoices = namedInvoices,
        Instalments = [.. instalments],
    };

    private static CashReceipt Cash(string amount, int day, Guid? invoice = null, int? reversedOnDay = null) => new()
    {
        InvoiceId = invoice ?? Named,
        Amount = decimal.Parse(amount, CultureInfo.InvariantCulture),
        EffectiveDate = new DateOnly(2026, 12, day),
        ReversedOn = reversedOnDay is { } reversed ? new DateOnly(2026, 12, reversed) : null,
    };

    private static (string?, DateOnly?) Close(PromiseToPay promise, DateOnly date, params CashReceipt[] receipts) =>
        PromiseKeeping.AtClose(promise, receipts, date) is { } r ? (r.Status, r.On) : (null, null);

    [Fact]
    public void A_promise_stays_open_through_the_last_day_of_its_grace()
    {
        Assert.Equal((null, null), Close(Promise(), PromisedDate));
        Assert.Equal((null, null), Close(Promise(), WindowEnd));
        Assert.Equal((null, null), Close(Promise(), WindowEnd, Cash("9999.99", 5)));
    }

    [Theory]
    [InlineData("0", PromiseStatuses.Broken)]
    [InlineData("0.01", PromiseStatuses.PartiallyKept)]
    [InlineData("4000", PromiseStatuses.PartiallyKept)]
    [InlineData("9999.99", PromiseStatuses.PartiallyKept)] // a paisa short
    [InlineData("10000", PromiseStatuses.Kept)]
    [InlineData("10000.01", PromiseStatuses.Kept)]
    public void When_the_window_has_ended_the_cash_in_it_decides_kept_partially_kept_or_broken(string collected, string status)
    {
        var receipts = collected == "0" ? [] : new[] { Cash(collected, 12) }; // on the window's last day: it counts

        var expectedOn = status == PromiseStatuses.Kept ? WindowEnd.AddDays(1) : WindowEnd;
        Assert.Equal((status, expectedOn), Close(Promise(), WindowEnd.AddDays(1), receipts));
    }

    [Fact]
    public void Cash_that_covers_the_promise_keeps_it_on_the_day_the_windows_are_closed_even_before_its_date() =>
        Assert.Equal((PromiseStatuses.Kept, new DateOnly(2026, 12, 4)), Close(Promise(), new DateOnly(2026, 12, 4), Cash("6000", 2), Cash("4000", 3)));

    [Fact]
    public void A_broken_promise_found_days_late_is_broken_on_its_windows_last_day() =>
        Assert.Equal((PromiseStatuses.Broken, WindowEnd), Close(Promise(), new DateOnly(2026, 12, 20)));

    [Theory]
    [InlineData("2026-12-13", null, "a day after the window")]
    [InlineData("2026-11-30", null, "the day before the promise was made")]
    [InlineData("2026-12-05", "2026-12-08", "reversed: the cheque bounced")]
    public void Cash_outside_the_window_or_reversed_keeps_nothing(string effective, string? reversedOn, string why)
    {
        var cash = new CashReceipt
        {
            InvoiceId = Named,
            Amount = 10_000m,
            EffectiveDate = DateOnly.Parse(effective, CultureInfo.InvariantCulture),
            ReversedOn = reversedOn is null ? null : DateOnly.Parse(reversedOn, CultureInfo.InvariantCulture),
        };

        Assert.True(Close(Promise(), new DateOnly(2026, 12, 14), cash) == (PromiseStatuses.Broken, WindowEnd), why);
    }

    [Fact]
    public void Cash_on_the_day_the_promise_was_made_counts() =>
        Assert.Equal(PromiseStatuses.Kept, Close(Promise(), WindowEnd.AddDays(1), Cash("10000", 1)).Item1);

    [Fact]
    public void A_promise_for_named_invoices_is_kept_only_by_cash_to_them()
    {
        Assert.Equal(PromiseStatuses.Broken, Close(Promise(namedInvoices: true), WindowEnd.AddDays(1), Cash("10000", 5, Other)).Item1);
        Assert.Equal(PromiseStatuses.PartiallyKept, Close(Promise(namedInvoices: true), WindowEnd.AddDays(1), Cash("10000", 5, Other), Cash("1", 5)).Item1);
        // Without named invoices, cash to any of the account's invoices counts.
        Assert.Equal(PromiseStatuses.Kept, Close(Promise(), WindowEnd.AddDays(1), Cash("10000", 5, Other)).Item1);
    }

    [Theory]
    // ₹5,000 by 5 December and ₹5,000 by 10 December, two grace days each: the first instalment's window ends on the 7th.
    [InlineData("", 7, null, null)] // its last day: still open
    [InlineData("", 8, PromiseStatuses.Broken, 7)]
    [InlineData("2000@6", 8, PromiseStatuses.PartiallyKept, 7)]
    [InlineData("5000@7", 8, null, null)] // paid on the instalment's last day
    [InlineData("4999.99@6", 8, PromiseStatuses.PartiallyKept, 7)]
    [InlineData("3000@3,2000@7", 8, null, null)] // two payments make the instalment
    [InlineData("5000@8", 9, PromiseStatuses.PartiallyKept, 8)] // a day late for the first: the cash counts, the instalment is missed
    [InlineData("5000@6,4000@11", 13, PromiseStatuses.PartiallyKept, 12)]
    [InlineData("5000@6,5000@12", 13, PromiseStatuses.Kept, 13)]
    public void A_promise_in_instalments_breaks_when_one_is_missed(string payments, int closeDay, string? status, int? onDay)
    {
        var promise = Promise(false, new Instalment(5000m, new DateOnly(2026, 12, 5)), new Instalment(5000m, PromisedDate));
        var receipts = payments.Length == 0 ? [] : payments.Split(',').Select(p => p.Split('@')).Select(p => Cash(p[0], int.Parse(p[1], CultureInfo.InvariantCulture))).ToArray();

        var expected = (status, onDay is { } d ? new DateOnly(2026, 12, d) : (DateOnly?)null);
        Assert.Equal(expected, Close(promise, new DateOnly(2026, 12, closeDay), receipts));
    }

    [Fact]
    public void The_cash_that_counts_is_summed_to_the_paisa()
    {
        var receipts = new[] { Cash("3333.33", 2), Cash("3333.33", 3), Cash("3333.34", 4), Cash("0.01", 13), Cash("1", 5, reversedOnDay: 6) };

        Assert.Equal(10_000.00m, PromiseKeeping.Collected(Promise(), receipts, WindowEnd));
        Assert.Equal(6_666.66m, PromiseKeeping.Collected(Promise(), receipts, new DateOnly(2026, 12, 3)));
    }
}
