using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Invoices.Payments;

/// <summary>Money received from a customer (and the TDS it deducted), as recorded; its effects are ledger entries.</summary>
public sealed class Payment : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public decimal Amount { get; set; }

    public decimal TdsAmount { get; set; }

    public string? TdsSection { get; set; }

    public DateOnly ReceivedOn { get; set; }

    public required string Mode { get; set; }

    public required string Reference { get; set; }

    public string? Bank { get; set; }

    public string? Remittance { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>What is on account: kept by the database from the payment's ledger entries without an invoice (ADR 0015); 0 when recorded.</summary>
    public decimal UnappliedAmount { get; set; }

    public DateOnly? ReversedOn { get; set; }

    public string? ReversalReason { get; set; }
}
