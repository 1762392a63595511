using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Invoices.Tenants;

internal sealed class KnownTenantConfiguration : IEntityTypeConfiguration<KnownTenant>
{
    public void Configure(EntityTypeBuilder<KnownTenant> builder)
    {
        builder.ToTable("tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
    }
}
