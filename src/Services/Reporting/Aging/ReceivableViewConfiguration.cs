using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Aging;

internal sealed class ReceivableViewConfiguration : IEntityTypeConfiguration<ReceivableView>
{
    public void Configure(EntityTypeBuilder<ReceivableView> builder)
    {
        builder.ToTable("receivables");
        builder.HasKey(r => r.InvoiceId);
        builder.Property(r => r.Number).HasMaxLength(50);
        builder.Property(r => r.Amount).HasPrecision(18, 2);
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.DealerCode).HasMaxLength(50);
        builder.HasIndex(r => new { r.TenantId, r.CustomerId, r.DueDate });
        builder.HasIndex(r => new { r.TenantId, r.DealerCode });
    }
}
