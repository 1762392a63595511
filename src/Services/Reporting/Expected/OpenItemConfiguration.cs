using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Expected;

internal sealed class OpenItemConfiguration : IEntityTypeConfiguration<OpenItem>
{
    public void Configure(EntityTypeBuilder<OpenItem> builder)
    {
        builder.ToTable("open_items");
        builder.HasKey(o => o.InvoiceId);
        builder.Property(o => o.OpenAmount).HasPrecision(18, 2);
        // Only the open ones, covering what expected collections read: a settled invoice leaves the index, so a forecast reads
        // what is open, by due date, without visiting the table.
        builder.HasIndex(o => new { o.TenantId, o.DueDate }).HasFilter("open_amount > 0").IncludeProperties(o => new { o.CustomerId, o.OpenAmount });
    }
}
