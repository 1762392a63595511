using ArPlatform.Collections.Accounts;

namespace ArPlatform.Collections.Promises;

/// <summary>How an open promise ends: its status and the date it is resolved on.</summary>
public sealed record PromiseResolution(string Status, DateOnly On);

/// <summary>
/// Whether promises are kept: by the cash (with TDS) allocated to the account — to the named invoices, if any — from
/// the day the promise was made to the end of its promised date plus the tenant's grace days. Credit notes and
/// write-offs are not cash and keep nothing; a reversed payment counts no more. Kept as soon as the cash covers the
/// amount (or each instalment by its date); at the end of the window, partially kept or broken otherwise.
/// </summary>
public static class PromiseKeeping
{
    /// <summary>The cash that counts for the promise, allocated from the day it was made up to <paramref name="upTo"/>.</summary>
    public static decimal Collected(PromiseToPay promise, IEnumerable<CashReceipt> receipts, DateOnly upTo) =>
        receipts.Where(r => r.ReversedOn is null && r.EffectiveDate >= promise.MadeOn && r.EffectiveDate <= upTo
                && (!promise.NamedInvoices || promise.InvoiceIds.Contains(r.InvoiceId)))
            .Sum(r => r.Amount);

    /// <summary>
    /// What an open promise becomes when the windows that ended before <paramref name="date"/> are closed: kept (on
    /// the date) when its cash covers it, partially kept or broken (on the window's last day, or the day before if
    /// that is earlier) when its window or an instalment's has ended short, null while it stays open.
    /// </summary>
    public static PromiseResolution? AtClose(PromiseToPay promise, IReadOnlyList<CashReceipt> receipts, DateOnly date)
    {
        var collected = Collected(promise, receipts, promise.WindowEnd);
        if (collected >= promise.Amount)
        {
            return new PromiseResolution(PromiseStatuses.Kept, date);
        }

        if (promise.WindowEnd < date || MissedInstalment(promise, receipts, date))
        {
            var lastDay = date.AddDays(-1);
            return new PromiseResolution(collected > 0 ? PromiseStatuses.PartiallyKept : PromiseStatuses.Broken,
                promise.WindowEnd < lastDay ? promise.WindowEnd : lastDay);
        }

        return null;
    }

    /// <summary>Whether an instalment's window ended before <paramref name="date"/> with less collected by then than the instalments due so far.</summary>
    private static bool MissedInstalment(PromiseToPay promise, IReadOnlyList<CashReceipt> receipts, DateOnly date)
    {
        var due = 0m;
        foreach (var instalment in promise.Instalments.OrderBy(i => i.Date))
        {
            due += instalment.Amount;
            var end = instalment.Date.AddDays(promise.GraceDays);
            if (end < date && Collected(promise, receipts, end) < due)
            {
                return true;
            }
        }

        return false;
    }
}
