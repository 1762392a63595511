namespace ArPlatform.BuildingBlocks.Persistence;

/// <summary>A row that belongs to one tenant: filtered by EF and by PostgreSQL row-level security.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
