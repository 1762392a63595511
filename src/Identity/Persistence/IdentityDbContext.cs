using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Identity.Clients;
using ArPlatform.Identity.Tenants;
using ArPlatform.Identity.Tokens;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Identity.Persistence;

/// <summary>Tenants, API clients (with OpenIddict's applications) and the token signing key: platform-level data.</summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : TenantDbContext(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect Identity's sign-in cookie, shared by every replica.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<Users.StaffUser> StaffUsers => Set<Users.StaffUser>();

    public DbSet<Users.SetPasswordToken> SetPasswordTokens => Set<Users.SetPasswordToken>();

    /// <summary>Who disabled, enabled, rotated, suspended or reinstated what, and when.</summary>
    public DbSet<Revocations.AccessChange> AccessChanges => Set<Revocations.AccessChange>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.UseOpenIddict();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IdentityDbContext).Assembly);
        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));
    }
}

/// <summary>Lets <c>dotnet ef</c> build the model without a running platform.</summary>
public sealed class IdentityDbContextFactory : DesignTimeFactory<IdentityDbContext>;
