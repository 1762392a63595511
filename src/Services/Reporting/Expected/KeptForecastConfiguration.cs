using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Reporting.Expected;

internal sealed class KeptForecastConfiguration : IEntityTypeConfiguration<KeptForecast>
{
    public void Configure(EntityTypeBuilder<KeptForecast> builder)
    {
        builder.ToTable("kept_forecasts");
        builder.HasKey(f => new { f.TenantId, f.MadeOn });
        builder.Property(f => f.Report).HasColumnType("jsonb");
    }
}
