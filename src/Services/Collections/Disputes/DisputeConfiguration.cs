using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Disputes;

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> builder)
    {
        builder.ToTable("disputes");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.InvoiceNumber).HasMaxLength(50);
        builder.Property(d => d.Amount).HasPrecision(18, 2);
        builder.Property(d => d.CreditAmount).HasPrecision(18, 2);
        builder.Property(d => d.Reason).HasMaxLength(30);
        builder.Property(d => d.Notes).HasMaxLength(4000);
        builder.Property(d => d.ResolutionNotes).HasMaxLength(4000);
        builder.Property(d => d.Status).HasMaxLength(20);
        builder.Property(d => d.Outcome).HasMaxLength(20);
        builder.Property(d => d.RoutedTo).HasMaxLength(200);
        builder.Property(d => d.RoutedToEmail).HasMaxLength(200);
        builder.Property(d => d.RaisedBy).HasMaxLength(200);
        builder.Property(d => d.ResolvedBy).HasMaxLength(200);
        builder.Property(d => d.ResolvedByName).HasMaxLength(200);
        builder.Property(d => d.ResolvedAs).HasMaxLength(100);
        builder.HasIndex(d => new { d.TenantId, d.CustomerId });
        builder.HasIndex(d => new { d.TenantId, d.Status });
    }
}
