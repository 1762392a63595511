using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Invoices.Payments;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Amount).HasPrecision(18, 2);
        builder.Property(p => p.TdsAmount).HasPrecision(18, 2);
        builder.Property(p => p.TdsSection).HasMaxLength(20);
        builder.Property(p => p.Mode).HasMaxLength(10);
        builder.Property(p => p.Reference).HasMaxLength(100);
        builder.Property(p => p.Bank).HasMaxLength(100);
        builder.Property(p => p.Remittance).HasMaxLength(4000);
        builder.Property(p => p.ReversalReason).HasMaxLength(500);
        builder.Property(p => p.UnappliedAmount).HasPrecision(18, 2);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_payments_unapplied_within_amount", "unapplied_amount >= 0 AND unapplied_amount <= amount");
            t.HasCheckConstraint("ck_payments_dates", "received_on >= DATE '2000-01-01' AND (reversed_on IS NULL OR reversed_on >= received_on)");
        });
        builder.HasIndex(p => new { p.TenantId, p.CustomerId, p.ReceivedOn });
    }
}
