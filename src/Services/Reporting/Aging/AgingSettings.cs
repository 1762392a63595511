using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Reporting.Aging;

/// <summary>A tenant's aging buckets as the upper bounds (days past due) of every bucket but the last.</summary>
public sealed class AgingSettings : ITenantOwned
{
    public Guid TenantId { get; set; }

    public int[] UpperBounds { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }
}
