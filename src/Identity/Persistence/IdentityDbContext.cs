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

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<Tenant>(e =>
        {
            e.ToTable("tenants");
            e.HasKey(t => t.Id);
            e.Property(t => t.Code).HasMaxLength(32);
            e.Property(t => t.Name).HasMaxLength(200);
            e.HasIndex(t => t.Code).IsUnique();
        });
        modelBuilder.Entity<ApiClient>(e =>
        {
            e.ToTable("api_clients");
            e.HasKey(c => c.Id);
            e.Property(c => c.ClientId).HasMaxLength(100);
            e.Property(c => c.Name).HasMaxLength(200);
            e.HasIndex(c => c.ClientId).IsUnique();
            e.HasIndex(c => c.TenantId);
        });
        modelBuilder.Entity<Users.StaffUser>(e =>
        {
            e.ToTable("staff_users");
            e.HasKey(u => u.Id);
            e.Property(u => u.Email).HasMaxLength(200);
            e.Property(u => u.Name).HasMaxLength(200);
            e.Property(u => u.CollectorCode).HasMaxLength(200);
            e.HasIndex(u => u.Email).IsUnique();
        });
        modelBuilder.Entity<Users.SetPasswordToken>(e =>
        {
            e.ToTable("set_password_tokens");
            e.HasKey(t => t.Id);
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasIndex(t => t.UserId);
        });
        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));
        modelBuilder.Entity<SigningKey>(e =>
        {
            e.ToTable("signing_keys");
            e.HasKey(k => k.Id);
            e.Property(k => k.Id).HasMaxLength(50);
        });
    }
}

/// <summary>Lets <c>dotnet ef</c> build the model without a running platform.</summary>
public sealed class IdentityDbContextFactory : DesignTimeFactory<IdentityDbContext>;
