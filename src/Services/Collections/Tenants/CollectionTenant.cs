namespace ArPlatform.Collections.Tenants;

/// <summary>
/// The tenants Collections works for, so the daily dunning job visits each one, with the client's name for letters.
/// Not tenant-owned (no RLS): ids and names only; every job then acts inside one tenant's context.
/// </summary>
public sealed class CollectionTenant
{
    public Guid Id { get; set; }

    public string? Name { get; set; }

    public DateTimeOffset KnownSince { get; set; }
}
