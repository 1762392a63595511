using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Messages;

internal sealed class TenantTemplateConfiguration : IEntityTypeConfiguration<TenantTemplate>
{
    public void Configure(EntityTypeBuilder<TenantTemplate> builder)
    {
        builder.ToTable("templates");
        builder.HasKey(t => new { t.TenantId, t.Code });
        builder.Property(t => t.Code).HasMaxLength(50);
        builder.Property(t => t.Channel).HasMaxLength(10);
        builder.Property(t => t.Subject).HasMaxLength(500);
    }
}
