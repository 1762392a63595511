using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Collections.Promises;

public static class PromiseStatuses
{
    public const string Open = "open";
    public const string Kept = "kept";
    public const string PartiallyKept = "partially kept";
    public const string Broken = "broken";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Open, Kept, PartiallyKept, Broken, Cancelled];
}

public sealed record Instalment(decimal Amount, DateOnly Date);

/// <summary>A customer's promise to pay an amount by a date (in instalments, if given), for named invoices or the account's open ones.</summary>
public sealed class PromiseToPay : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public decimal Amount { get; set; }

    public DateOnly PromisedDate { get; set; }

    /// <summary>The business date it was made: cash allocated from then counts.</summary>
    public DateOnly MadeOn { get; set; }

    /// <summary>The invoices it covers: the named ones, or every one open when it was made.</summary>
    public Guid[] InvoiceIds { get; set; } = [];

    public string[] InvoiceNumbers { get; set; } = [];

    /// <summary>Whether invoices were named: then only cash to them counts.</summary>
    public bool NamedInvoices { get; set; }

    public List<Instalment> Instalments { get; set; } = [];

    public int GraceDays { get; set; }

    public required string Status { get; set; }

    public decimal Collected { get; set; }

    public DateOnly? ResolvedOn { get; set; }

    public Guid? ActivityId { get; set; }

    public string? MadeBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last day cash counts: the promised date plus the grace days.</summary>
    public DateOnly WindowEnd => PromisedDate.AddDays(GraceDays);
}
