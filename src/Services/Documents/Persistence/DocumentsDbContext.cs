using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Documents.Pending;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Documents.Persistence;

public sealed class DocumentsDbContext(DbContextOptions<DocumentsDbContext> options) : TenantDbContext(options)
{
    public DbSet<InvoiceDocuments> Invoices => Set<InvoiceDocuments>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) => modelBuilder.Entity<InvoiceDocuments>(e =>
    {
        e.ToTable("invoice_documents");
        e.HasKey(i => i.InvoiceId);
        e.Property(i => i.Number).HasMaxLength(50);
        e.HasIndex(i => new { i.TenantId, i.Complete, i.InvoiceDate });
    });
}

public sealed class DocumentsDbContextFactory : DesignTimeFactory<DocumentsDbContext>;
