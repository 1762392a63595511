using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Accounts;

internal sealed class CollectionAccountConfiguration : IEntityTypeConfiguration<CollectionAccount>
{
    public void Configure(EntityTypeBuilder<CollectionAccount> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(a => a.CustomerId);
        builder.Property(a => a.CustomerId).ValueGeneratedNever();
        builder.Property(a => a.Code).HasMaxLength(50);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Type).HasMaxLength(20);
        builder.Property(a => a.Collector).HasMaxLength(100);
        builder.Property(a => a.Portfolio).HasMaxLength(100);
        builder.Property(a => a.RiskRating).HasMaxLength(2);
        builder.Property(a => a.HoldReason).HasMaxLength(500);
        builder.Property(a => a.PauseReason).HasMaxLength(500);
        builder.HasIndex(a => new { a.TenantId, a.Collector });
    }
}
