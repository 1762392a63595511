using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;

namespace ArPlatform.Customers.Customers;

/// <summary>A business the tenant sells to on credit, identified by the tenant's own customer code.</summary>
public sealed class Customer : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public string? Gstin { get; set; }

    /// <summary>Default payment terms that new invoices inherit when they give neither a due date nor terms.</summary>
    public int? DefaultNetDays { get; set; }

    public decimal? DefaultDiscountPercent { get; set; }

    public int? DefaultDiscountDays { get; set; }

    public CustomerTerms? DefaultTerms => DefaultNetDays is { } net ? new CustomerTerms(net, DefaultDiscountPercent, DefaultDiscountDays) : null;

    public DateTimeOffset CreatedAt { get; set; }
}
