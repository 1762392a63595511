using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Customers.Risk;

internal sealed class ReceivableMovementConfiguration : IEntityTypeConfiguration<ReceivableMovement>
{
    public void Configure(EntityTypeBuilder<ReceivableMovement> builder)
    {
        builder.ToTable("receivable_movements");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.Property(m => m.InvoiceNumber).HasMaxLength(50);
        builder.Property(m => m.Change).HasPrecision(18, 2);
        builder.Property(m => m.Kind).HasMaxLength(12);
        builder.HasIndex(m => new { m.TenantId, m.CustomerId });
    }
}
