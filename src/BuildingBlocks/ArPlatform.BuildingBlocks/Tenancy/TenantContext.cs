namespace ArPlatform.BuildingBlocks.Tenancy;

/// <summary>
/// The tenant the current request or message acts for. Set only from a validated token or from an integration
/// event's TenantId; never from anything else a caller sends.
/// </summary>
public interface ITenantContext
{
    Guid? TenantId { get; }

    Guid RequiredTenantId => TenantId ?? throw new InvalidOperationException("No tenant is set for this operation.");
}

public sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }

    public void Set(Guid tenantId)
    {
        if (TenantId is { } current && current != tenantId)
        {
            throw new InvalidOperationException("The tenant of this scope is already set to another tenant.");
        }

        TenantId = tenantId;
    }
}
