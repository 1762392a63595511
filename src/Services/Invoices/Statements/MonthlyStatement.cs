using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Invoices.Statements;

/// <summary>A customer's statement for one calendar month, produced by the monthly job and kept as issued.</summary>
public sealed class MonthlyStatement : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    public decimal OpeningBalance { get; set; }

    public decimal ClosingBalance { get; set; }

    /// <summary>The statement as JSON, exactly as GET /api/v1/statements/{customerId} answered for the month.</summary>
    public required string Body { get; set; }

    public DateTimeOffset ProducedAt { get; set; }
}
