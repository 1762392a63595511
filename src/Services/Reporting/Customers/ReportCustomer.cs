using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Reporting.Customers;

/// <summary>
/// Reporting's copy of a customer: what its figures are grouped by (region, collector, portfolio) and where it sits in
/// the distribution network (a distributor's figures include its dealers'). Figures group by the current values.
/// </summary>
public sealed class ReportCustomer : ITenantOwned
{
    public Guid CustomerId { get; set; }

    public Guid TenantId { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public string? Type { get; set; }

    public string? Region { get; set; }

    public Guid? ParentId { get; set; }

    public string? Collector { get; set; }

    public string? Portfolio { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
