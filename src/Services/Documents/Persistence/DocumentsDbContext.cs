using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Documents.Pending;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Documents.Persistence;

public sealed class DocumentsDbContext(DbContextOptions<DocumentsDbContext> options) : TenantDbContext(options)
{
    public DbSet<InvoiceDocuments> Invoices => Set<InvoiceDocuments>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DocumentsDbContext).Assembly);
}

public sealed class DocumentsDbContextFactory : DesignTimeFactory<DocumentsDbContext>;
