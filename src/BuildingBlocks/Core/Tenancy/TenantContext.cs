namespace ArPlatform.BuildingBlocks.Tenancy;

/// <summary>
/// The tenant the current request or message acts for. Set only from a validated token or from an integration
/// event's TenantId; never from anything else a caller sends.
/// </summary>
public interface ITenantContext
{
    Guid? TenantId { get; }

    /// <summary>
    /// Tenants whose rows this scope may read besides its own, where a table's policy allows reading across a set
    /// (a staff member's work over the tenants their token grants). Writes stay with <see cref="TenantId"/>.
    /// </summary>
    IReadOnlyList<Guid> ReadTenants { get; }

    Guid RequiredTenantId => TenantId ?? throw new InvalidOperationException("No tenant is set for this operation.");
}

public sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }

    public IReadOnlyList<Guid> ReadTenants { get; private set; } = [];

    /// <summary>Before the scope's first query: the setting is made when a connection opens.</summary>
    public void SetReadTenants(IReadOnlyList<Guid> tenants) => ReadTenants = tenants;

    public void Set(Guid tenantId)
    {
        if (TenantId is { } current && current != tenantId)
        {
            throw new InvalidOperationException("The tenant of this scope is already set to another tenant.");
        }

        TenantId = tenantId;
    }
}
