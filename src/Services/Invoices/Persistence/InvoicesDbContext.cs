using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Invoices.Invoices;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Persistence;

public sealed class InvoicesDbContext(DbContextOptions<InvoicesDbContext> options, ITenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<Invoice> Invoices => Set<Invoice>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) => modelBuilder.Entity<Invoice>(e =>
    {
        e.ToTable("invoices");
        e.HasKey(i => i.Id);
        e.Property(i => i.Number).HasMaxLength(50);
        e.Property(i => i.Amount).HasPrecision(18, 2);
        e.Property(i => i.Currency).HasMaxLength(3);
        e.HasIndex(i => new { i.TenantId, i.Number }).IsUnique();
        e.HasIndex(i => new { i.TenantId, i.CustomerId });
    });
}

public sealed class InvoicesDbContextFactory : DesignTimeFactory<InvoicesDbContext>;
