namespace ArPlatform.Identity.Tenants;

/// <summary>A client organisation of the firm: every business row on the platform belongs to one.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set while the tenant is suspended: no token of its clients is issued or accepted (ADR 0028).</summary>
    public DateTimeOffset? SuspendedAt { get; set; }

    /// <summary>Who suspended it (kept after reinstatement, with <see cref="ReinstatedAt"/>, until the next suspension).</summary>
    public string? SuspendedBy { get; set; }

    public string? SuspensionReason { get; set; }

    public DateTimeOffset? ReinstatedAt { get; set; }

    public string? ReinstatedBy { get; set; }
}
