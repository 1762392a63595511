using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Tenants;

internal sealed class CollectionTenantConfiguration : IEntityTypeConfiguration<CollectionTenant>
{
    public void Configure(EntityTypeBuilder<CollectionTenant> builder)
    {
        builder.ToTable("tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(200);
    }
}
