using ArPlatform.Collections.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Collections.Promises;

internal sealed class PromiseToPayConfiguration : IEntityTypeConfiguration<PromiseToPay>
{
    public void Configure(EntityTypeBuilder<PromiseToPay> builder)
    {
        builder.ToTable("promises");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Amount).HasPrecision(18, 2);
        builder.Property(p => p.Collected).HasPrecision(18, 2);
        builder.Property(p => p.Status).HasMaxLength(20);
        builder.Property(p => p.MadeBy).HasMaxLength(200);
        builder.Property(p => p.Instalments).Json();
        builder.Ignore(p => p.WindowEnd);
        builder.HasIndex(p => new { p.TenantId, p.CustomerId, p.Status });
    }
}
