using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Audit;

internal sealed class ConfigChangeConfiguration : IEntityTypeConfiguration<ConfigChange>
{
    public void Configure(EntityTypeBuilder<ConfigChange> builder)
    {
        builder.ToTable("config_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Entity).HasMaxLength(30);
        builder.Property(c => c.Key).HasMaxLength(100);
        builder.Property(c => c.ChangedBy).HasMaxLength(200);
        builder.Property(c => c.ChangedByName).HasMaxLength(200);
        builder.Property(c => c.Authority).HasMaxLength(100);
        builder.Property(c => c.OldValue).HasColumnType("jsonb");
        builder.Property(c => c.NewValue).HasColumnType("jsonb");
        builder.HasIndex(c => new { c.TenantId, c.ChangedAt });
        builder.HasIndex(c => new { c.TenantId, c.Entity, c.ChangedAt });
    }
}
