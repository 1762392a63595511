using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Customers.Customers;

/// <summary>A business the tenant sells to on credit, identified by the tenant's own customer code.</summary>
public sealed class Customer : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public string? Gstin { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
