using ArPlatform.Collections.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Dunning;

internal sealed class DunningStrategyConfiguration : IEntityTypeConfiguration<DunningStrategy>
{
    public void Configure(EntityTypeBuilder<DunningStrategy> builder)
    {
        builder.ToTable("strategies");
        builder.HasKey(s => new { s.TenantId, s.Code });
        builder.Property(s => s.Code).HasMaxLength(50);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.AppliesTo).Json();
        builder.Property(s => s.Steps).Json();
    }
}
