using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Invoices.Approvals;

internal sealed class NonCashApprovalConfiguration : IEntityTypeConfiguration<NonCashApproval>
{
    public void Configure(EntityTypeBuilder<NonCashApproval> builder)
    {
        builder.ToTable("non_cash_approvals");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Kind).HasMaxLength(30);
        builder.Property(a => a.Reference).HasMaxLength(50);
        builder.Property(a => a.Amount).HasPrecision(18, 2);
        builder.Property(a => a.ApprovedBy).HasMaxLength(200);
        builder.Property(a => a.ApprovedByName).HasMaxLength(200);
        builder.Property(a => a.Authority).HasMaxLength(100);
        builder.Property(a => a.Right).HasMaxLength(50);
        builder.Property(a => a.Reason).HasMaxLength(500);
        builder.HasIndex(a => new { a.TenantId, a.ApprovedAt });
    }
}
