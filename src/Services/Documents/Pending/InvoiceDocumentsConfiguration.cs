using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Documents.Pending;

internal sealed class InvoiceDocumentsConfiguration : IEntityTypeConfiguration<InvoiceDocuments>
{
    public void Configure(EntityTypeBuilder<InvoiceDocuments> builder)
    {
        builder.ToTable("invoice_documents");
        builder.HasKey(i => i.InvoiceId);
        builder.Property(i => i.Number).HasMaxLength(50);
        builder.HasIndex(i => new { i.TenantId, i.Complete, i.InvoiceDate });
    }
}
