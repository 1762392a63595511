using ArPlatform.Reporting.Aging;

namespace ArPlatform.Reporting.Ledger;

/// <summary>What one day's entry of one customer adds: one amount per flow and the change of the not-yet-due receivables.</summary>
public record struct LedgerAmounts(
    decimal Invoiced, decimal DebitNotes, decimal Cancelled, decimal Collected, decimal CreditNotes, decimal WrittenOff, decimal NotDue,
    decimal CollectedDaysLate = 0)
{
    public static LedgerAmounts operator +(LedgerAmounts a, LedgerAmounts b) => new(
        a.Invoiced + b.Invoiced, a.DebitNotes + b.DebitNotes, a.Cancelled + b.Cancelled, a.Collected + b.Collected, a.CreditNotes + b.CreditNotes,
        a.WrittenOff + b.WrittenOff, a.NotDue + b.NotDue, a.CollectedDaysLate + b.CollectedDaysLate);

    public readonly bool IsZero => this == default;

    /// <summary>What happened between two sums of the ledger: this one less <paramref name="earlier"/>.</summary>
    public readonly LedgerAmounts Difference(LedgerAmounts earlier) => new(
        Invoiced - earlier.Invoiced, DebitNotes - earlier.DebitNotes, Cancelled - earlier.Cancelled, Collected - earlier.Collected,
        CreditNotes - earlier.CreditNotes, WrittenOff - earlier.WrittenOff, NotDue - earlier.NotDue, CollectedDaysLate - earlier.CollectedDaysLate);

    /// <summary><see cref="CreditSales"/> as SQL over the ledger's columns (the same rule, for sums the database makes).</summary>
    public const string CreditSalesSql = "(invoiced + debit_notes - cancelled)";

    /// <summary>Receivables: what was sold and debited, less what was cancelled, settled by payments, credited and written off.</summary>
    public readonly decimal Receivables => Invoiced + DebitNotes - Cancelled - Collected - CreditNotes - WrittenOff;

    /// <summary>Credit sales: invoices and debit notes, less cancellations.</summary>
    public readonly decimal CreditSales => Invoiced + DebitNotes - Cancelled;
}

/// <summary>An entry of the ledger: what <see cref="Amounts"/> adds to one customer's <see cref="Day"/>.</summary>
public readonly record struct LedgerPosting(Guid CustomerId, DateOnly Day, LedgerAmounts Amounts);

/// <summary>
/// The one rule by which invoices and the changes of what is open on them (<see cref="SettlementView"/>) become ledger
/// entries; the changes a consumer records and a rebuild from the event tables both go through it.
/// </summary>
public static class LedgerPostings
{
    /// <summary>An invoice: sales and receivables from its invoice date, not due until its due date has passed.</summary>
    public static IEnumerable<LedgerPosting> OfInvoice(Guid customerId, DateOnly invoiceDate, DateOnly dueDate, decimal amount)
    {
        yield return new LedgerPosting(customerId, invoiceDate, new LedgerAmounts { Invoiced = amount });
        foreach (var posting in NotDue(customerId, invoiceDate, dueDate, amount))
        {
            yield return posting;
        }
    }

    /// <summary>
    /// A change of what is open on an invoice due on <paramref name="dueDate"/>, from <paramref name="effective"/>:
    /// positive amounts reduce it (as in <see cref="SettlementView.Amount"/>).
    /// </summary>
    public static IEnumerable<LedgerPosting> OfSettlement(string kind, Guid customerId, DateOnly dueDate, DateOnly effective, decimal amount)
    {
        yield return new LedgerPosting(customerId, effective, kind switch
        {
            SettlementKinds.Allocated or SettlementKinds.Reversed => new LedgerAmounts
            {
                Collected = amount,
                CollectedDaysLate = amount * (effective.DayNumber - dueDate.DayNumber),
            },
            SettlementKinds.CreditNote => new LedgerAmounts { CreditNotes = amount },
            SettlementKinds.DebitNote => new LedgerAmounts { DebitNotes = -amount },
            SettlementKinds.WrittenOff => new LedgerAmounts { WrittenOff = amount },
            SettlementKinds.Cancelled => new LedgerAmounts { Cancelled = amount },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a settlement kind"),
        });
        foreach (var posting in NotDue(customerId, effective, dueDate, -amount))
        {
            yield return posting;
        }
    }

    /// <summary>Receivables change by <paramref name="amount"/> from <paramref name="effective"/>: not due from then until the due date, if it is still ahead.</summary>
    private static IEnumerable<LedgerPosting> NotDue(Guid customerId, DateOnly effective, DateOnly dueDate, decimal amount)
    {
        if (effective > dueDate || amount == 0)
        {
            yield break;
        }

        yield return new LedgerPosting(customerId, effective, new LedgerAmounts { NotDue = amount });
        yield return new LedgerPosting(customerId, dueDate.AddDays(1), new LedgerAmounts { NotDue = -amount });
    }

    /// <summary>The first day of the date's month: the key of its month's entries.</summary>
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
}
