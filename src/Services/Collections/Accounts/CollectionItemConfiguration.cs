using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Accounts;

internal sealed class CollectionItemConfiguration : IEntityTypeConfiguration<CollectionItem>
{
    public void Configure(EntityTypeBuilder<CollectionItem> builder)
    {
        builder.ToTable("items");
        builder.HasKey(i => i.InvoiceId);
        // Room on each page for a row's new version when a run moves its position: an update in place (HOT) rewrites no index.
        builder.HasStorageParameter("fillfactor", 85);
        builder.Property(i => i.InvoiceId).ValueGeneratedNever();
        builder.Property(i => i.Number).HasMaxLength(50);
        builder.Property(i => i.Amount).HasPrecision(18, 2);
        builder.Property(i => i.OpenAmount).HasPrecision(18, 2);
        builder.Property(i => i.DisputedAmount).HasPrecision(18, 2);
        builder.Property(i => i.ClosedAs).HasMaxLength(20);
        builder.Property(i => i.PositionStep).HasMaxLength(50);
        builder.Property(i => i.HeldFor).HasMaxLength(50);
        // By due date too: a run asks of every account whether an item has reached a step, answered from the index.
        builder.HasIndex(i => new { i.TenantId, i.CustomerId, i.DueDate }).HasFilter("open_amount > 0 AND issued").HasDatabaseName("ix_items_open_by_customer");
        builder.HasIndex(i => new { i.TenantId, i.Number });
    }
}
