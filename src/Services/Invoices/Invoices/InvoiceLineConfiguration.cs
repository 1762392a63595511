using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Invoices.Invoices;

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> builder)
    {
        builder.ToTable("invoice_lines");
        builder.HasKey(l => new { l.InvoiceId, l.LineNumber });
        builder.Property(l => l.Description).HasMaxLength(500);
        builder.Property(l => l.HsnSac).HasMaxLength(8);
        builder.Property(l => l.Quantity).HasPrecision(18, 3);
        builder.Property(l => l.UnitPrice).HasPrecision(18, 2);
        builder.Property(l => l.TaxableValue).HasPrecision(18, 2);
        builder.Property(l => l.Cgst).HasPrecision(18, 2);
        builder.Property(l => l.Sgst).HasPrecision(18, 2);
        builder.Property(l => l.Igst).HasPrecision(18, 2);
        builder.Property(l => l.LineTotal).HasPrecision(18, 2);
    }
}
