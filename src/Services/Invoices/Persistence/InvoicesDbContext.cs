using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Invoices.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

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

public sealed class InvoicesDbContextFactory : IDesignTimeDbContextFactory<InvoicesDbContext>
{
    public InvoicesDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<InvoicesDbContext>()
            .UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable("__ef_migrations_history")).Options,
        new TenantContext());
}
