using ArPlatform.Collections.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Settings;

internal sealed class CollectionSettingsConfiguration : IEntityTypeConfiguration<CollectionSettings>
{
    public void Configure(EntityTypeBuilder<CollectionSettings> builder)
    {
        builder.ToTable("settings");
        builder.HasKey(s => s.TenantId);
        builder.Property(s => s.TenantId).ValueGeneratedNever();
        builder.Property(s => s.ClientName).HasMaxLength(200);
        builder.Property(s => s.Spoc).Json();
        builder.Property(s => s.Departments).Json();
        builder.Property(s => s.CreditApprovalLimit).HasPrecision(18, 2);
    }
}
