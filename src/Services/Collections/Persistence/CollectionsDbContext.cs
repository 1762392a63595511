using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Collections.Worklist;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Persistence;

public sealed class CollectionsDbContext(DbContextOptions<CollectionsDbContext> options) : TenantDbContext(options)
{
    public DbSet<CollectibleInvoice> Invoices => Set<CollectibleInvoice>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) => modelBuilder.Entity<CollectibleInvoice>(e =>
    {
        e.ToTable("collectible_invoices");
        e.HasKey(i => i.InvoiceId);
        e.Property(i => i.Number).HasMaxLength(50);
        e.Property(i => i.Amount).HasPrecision(18, 2);
        e.HasIndex(i => new { i.TenantId, i.DueDate });
    });
}

public sealed class CollectionsDbContextFactory : DesignTimeFactory<CollectionsDbContext>;
