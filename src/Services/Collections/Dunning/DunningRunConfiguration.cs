using ArPlatform.Collections.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Dunning;

internal sealed class DunningRunConfiguration : IEntityTypeConfiguration<DunningRun>
{
    public void Configure(EntityTypeBuilder<DunningRun> builder)
    {
        builder.ToTable("runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Trigger).HasMaxLength(20);
        builder.Property(r => r.Status).HasMaxLength(20);
        builder.Property(r => r.ActionsByKind).Json();
    }
}
