using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.Invoices.Ledger;

namespace ArPlatform.Invoices.Statements;

/// <summary>A ledger entry with what a statement needs to describe it.</summary>
public sealed record StatementEntry(
    DateOnly EffectiveDate, DateTimeOffset RecordedAt, string Kind, decimal Amount, Guid? InvoiceId, string? InvoiceNumber, DateOnly? DueDate,
    Guid? PaymentId, string? PaymentReference, string? PaymentMode, Guid? DocumentId, string? DocumentNumber);

public sealed record StatementLine(DateOnly Date, string Type, string Reference, string? InvoiceNumber, decimal Debit, decimal Credit, decimal Balance);

public sealed record StatementAgingBucket(string Label, decimal Amount);

public sealed record Statement(
    Guid CustomerId, string? CustomerCode, DateOnly From, DateOnly To, decimal OpeningBalance, IReadOnlyList<StatementLine> Lines,
    decimal TotalDebits, decimal TotalCredits, decimal ClosingBalance, decimal UnappliedCredit, IReadOnlyList<StatementAgingBucket> Aging);

/// <summary>
/// Builds a customer statement from ledger entries: balance forward before <c>from</c>, one line per document and
/// kind within the period (a payment spread over several invoices is one line per invoice it settled), a running
/// balance, and the aging of what is open on invoices at <c>to</c>. Opening + debits − credits = closing, always.
/// </summary>
public static class StatementBuilder
{
    /// <summary>The statement of the period, what is open at its end aged in the tenant's buckets (<paramref name="agingUpperBounds"/>, "Not due"'s 0 first).</summary>
    public static Statement Build(
        Guid customerId, string? customerCode, DateOnly from, DateOnly to, IReadOnlyList<StatementEntry> entries, IReadOnlyList<int> agingUpperBounds)
    {
        var opening = entries.Where(e => e.EffectiveDate < from).Sum(e => e.Amount);
        var balance = opening;
        var lines = new List<StatementLine>();
        var inPeriod = entries.Where(e => e.EffectiveDate >= from && e.EffectiveDate <= to)
            .GroupBy(e => (e.EffectiveDate, Type: TypeOf(e), Document: e.PaymentId ?? e.DocumentId ?? e.InvoiceId))
            .Select(g => (g.Key, Entries: g.ToList(), Amount: g.Sum(e => e.Amount)))
            .Where(g => g.Amount != 0)
            .OrderBy(g => g.Key.EffectiveDate).ThenBy(g => g.Entries.Min(e => e.RecordedAt)).ThenBy(g => g.Amount < 0);
        foreach (var (key, group, amount) in inPeriod)
        {
            balance += amount;
            var invoices = string.Join(", ", group.Where(e => e.InvoiceNumber is not null && e.Amount != 0).Select(e => e.InvoiceNumber).Distinct());
            lines.Add(new StatementLine(key.EffectiveDate, key.Type, ReferenceOf(group[0]), invoices.Length == 0 ? null : invoices,
                amount > 0 ? amount : 0m, amount < 0 ? -amount : 0m, balance));
        }

        var upToEnd = entries.Where(e => e.EffectiveDate <= to).ToList();
        var openByInvoice = upToEnd.Where(e => e.InvoiceId is not null).GroupBy(e => e.InvoiceId!.Value)
            .Select(g => (DueDate: g.First(e => e.DueDate is not null).DueDate!.Value, Open: g.Sum(e => e.Amount)))
            .Where(i => i.Open != 0);
        var aging = AgingBuckets.FromUpperBounds(agingUpperBounds).Select(b => new StatementAgingBucket(b.Label, 0m)).ToArray();
        foreach (var (dueDate, open) in openByInvoice)
        {
            var index = AgingBuckets.IndexOf(agingUpperBounds, to.DayNumber - dueDate.DayNumber);
            aging[index] = aging[index] with { Amount = aging[index].Amount + open };
        }

        var unapplied = -upToEnd.Where(e => e.InvoiceId is null).Sum(e => e.Amount);
        return new Statement(customerId, customerCode, from, to, opening, lines,
            lines.Sum(l => l.Debit), lines.Sum(l => l.Credit), balance, unapplied, aging);
    }

    private static string TypeOf(StatementEntry e) => e.Kind switch
    {
        LedgerKinds.Invoice => "Invoice",
        LedgerKinds.DebitNote => "Debit note",
        LedgerKinds.CreditNote => "Credit note",
        LedgerKinds.Cash or LedgerKinds.Unapplied => "Payment",
        LedgerKinds.Tds => "TDS deducted",
        LedgerKinds.Discount => "Early-payment discount",
        LedgerKinds.Reversal => "Payment reversed",
        LedgerKinds.WriteOff => "Write-off",
        LedgerKinds.Cancellation => "Invoice cancelled",
        _ => e.Kind,
    };

    private static string ReferenceOf(StatementEntry e) => e.Kind switch
    {
        LedgerKinds.CreditNote or LedgerKinds.DebitNote => e.DocumentNumber ?? "",
        _ when e.PaymentId is not null => $"{e.PaymentMode} {e.PaymentReference}".Trim(),
        _ => e.InvoiceNumber ?? "",
    };
}
