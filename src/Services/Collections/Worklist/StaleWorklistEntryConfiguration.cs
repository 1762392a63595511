using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Worklist;

internal sealed class StaleWorklistEntryConfiguration : IEntityTypeConfiguration<StaleWorklistEntry>
{
    public void Configure(EntityTypeBuilder<StaleWorklistEntry> builder)
    {
        builder.ToTable("worklist_stale");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(w => new { w.TenantId, w.Id });
    }
}
