using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Invoices.Notices;

internal sealed class InvoiceNoticeConfiguration : IEntityTypeConfiguration<InvoiceNotice>
{
    public void Configure(EntityTypeBuilder<InvoiceNotice> builder)
    {
        builder.ToTable("invoice_notices");
        builder.HasKey(n => new { n.InvoiceId, n.Kind });
        builder.Property(n => n.Kind).HasMaxLength(20);
    }
}
