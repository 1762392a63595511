using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Customers.Risk;

internal sealed class CreditSettingsConfiguration : IEntityTypeConfiguration<CreditSettings>
{
    public void Configure(EntityTypeBuilder<CreditSettings> builder)
    {
        builder.ToTable("credit_settings");
        builder.HasKey(s => s.TenantId);
    }
}
