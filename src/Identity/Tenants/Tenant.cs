namespace ArPlatform.Identity.Tenants;

/// <summary>A client organisation of the firm: every business row on the platform belongs to one.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
