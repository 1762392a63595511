using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Identity.Tenants;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Code).HasMaxLength(32);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.HasIndex(t => t.Code).IsUnique();
        builder.Property(t => t.SuspendedBy).HasMaxLength(200);
        builder.Property(t => t.SuspensionReason).HasMaxLength(500);
        builder.Property(t => t.ReinstatedBy).HasMaxLength(200);
    }
}
