using System.Security.Claims;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Identity.Revocations;

/// <summary>
/// One change of who may get or use a token, kept for good: a client disabled or enabled, its secret rotated or the
/// previous one retired, a tenant suspended or reinstated, a person's sessions ended. Who made it and when.
/// </summary>
public sealed class AccessChange
{
    public Guid Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The administrator: a staff member's email, or the API client (platform-admin).</summary>
    public required string By { get; set; }

    /// <summary>client-disabled, client-enabled, secret-rotated, previous-secret-retired, tenant-suspended, tenant-reinstated, sessions-ended.</summary>
    public required string Action { get; set; }

    /// <summary>
    /// The tenant concerned. Platform records about tenants, read across them by the platform admin (like
    /// <c>api_clients</c>), not a tenant's own data: the column is not <c>tenant_id</c>, which would put it under
    /// row-level security.
    /// </summary>
    public Guid? ConcernsTenant { get; set; }

    /// <summary>The client_id or the user id the change is about; null for a tenant.</summary>
    public string? Subject { get; set; }

    public string? Detail { get; set; }

    /// <summary>Who the request's token names: a person by email, else the API client.</summary>
    public static string Actor(ClaimsPrincipal user) =>
        (user.StaffTenants() is not null ? user.FindFirst("email")?.Value : null) ?? user.Caller() ?? "unknown";
}

internal sealed class AccessChangeConfiguration : IEntityTypeConfiguration<AccessChange>
{
    public void Configure(EntityTypeBuilder<AccessChange> builder)
    {
        builder.ToTable("access_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.By).HasMaxLength(200);
        builder.Property(c => c.Action).HasMaxLength(40);
        builder.Property(c => c.Subject).HasMaxLength(100);
        builder.Property(c => c.Detail).HasMaxLength(500);
        builder.HasIndex(c => c.At);
    }
}
