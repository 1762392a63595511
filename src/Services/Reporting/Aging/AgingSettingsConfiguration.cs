using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Aging;

internal sealed class AgingSettingsConfiguration : IEntityTypeConfiguration<AgingSettings>
{
    public void Configure(EntityTypeBuilder<AgingSettings> builder)
    {
        builder.ToTable("aging_settings");
        builder.HasKey(s => s.TenantId);
        builder.Property(s => s.TenantId).ValueGeneratedNever();
    }
}
