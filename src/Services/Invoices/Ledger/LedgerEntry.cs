using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Invoices.Ledger;

/// <summary>
/// One change of what a customer owes, effective on a business date. Append-only: balances and open amounts are
/// sums of entries up to a date, never edited in place. Positive entries add to the receivable (an invoice),
/// negative ones reduce it (cash, TDS, discount). Unapplied cash has no invoice.
/// </summary>
public sealed class LedgerEntry : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public Guid? InvoiceId { get; set; }

    public Guid? PaymentId { get; set; }

    /// <summary>The credit or debit note the entry came from.</summary>
    public Guid? DocumentId { get; set; }

    public required string Kind { get; set; }

    public decimal Amount { get; set; }

    public DateOnly EffectiveDate { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

public static class LedgerKinds
{
    public const string Invoice = "invoice";
    public const string Cash = "cash";
    public const string Tds = "tds";
    public const string Discount = "discount";
    public const string Unapplied = "unapplied";
    public const string Reversal = "reversal";
    public const string CreditNote = "credit_note";
    public const string DebitNote = "debit_note";
    public const string WriteOff = "write_off";
    public const string Cancellation = "cancellation";

    /// <summary>The sign each kind must have, checked by the database: a kind that settles can never add to what is owed.</summary>
    public const string SignRuleSql = $"""
        (kind IN ('{Invoice}', '{DebitNote}') AND amount > 0)
        OR (kind IN ('{Cash}', '{Tds}', '{Discount}', '{CreditNote}', '{WriteOff}', '{Cancellation}') AND amount < 0)
        OR (kind IN ('{Unapplied}', '{Reversal}') AND amount <> 0)
        """;
}
