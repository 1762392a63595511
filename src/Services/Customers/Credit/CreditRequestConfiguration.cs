using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Customers.Credit;

internal sealed class CreditRequestConfiguration : IEntityTypeConfiguration<CreditRequest>
{
    public void Configure(EntityTypeBuilder<CreditRequest> builder)
    {
        builder.ToTable("credit_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.RequestedLimit).HasPrecision(18, 2);
        builder.Property(r => r.PreviousLimit).HasPrecision(18, 2);
        builder.Property(r => r.ApprovedLimit).HasPrecision(18, 2);
        builder.Property(r => r.OverrideLimit).HasPrecision(18, 2);
        builder.Property(r => r.Reason).HasMaxLength(500);
        builder.Property(r => r.RequestedBy).HasMaxLength(200);
        builder.Property(r => r.Decision).HasMaxLength(20);
        builder.Property(r => r.OverrideDecision).HasMaxLength(20);
        builder.Property(r => r.OverrideNote).HasMaxLength(1000);
        builder.Property(r => r.OverriddenBy).HasMaxLength(200);
        builder.Property(r => r.Reasons).HasColumnType("jsonb");
        builder.HasIndex(r => new { r.TenantId, r.CustomerId, r.RequestedAt });
    }
}
