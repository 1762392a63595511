using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Aging;

internal sealed class SettlementViewConfiguration : IEntityTypeConfiguration<SettlementView>
{
    public void Configure(EntityTypeBuilder<SettlementView> builder)
    {
        builder.ToTable("settlements");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Kind).HasMaxLength(20);
        builder.Property(s => s.Amount).HasPrecision(18, 2);
        builder.HasIndex(s => new { s.TenantId, s.CustomerId, s.DueDate });
        builder.HasIndex(s => new { s.TenantId, s.InvoiceId });
    }
}
