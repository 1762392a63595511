using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ArPlatform.Invoices.Statements;

internal sealed class MonthlyStatementConfiguration : IEntityTypeConfiguration<MonthlyStatement>
{
    public void Configure(EntityTypeBuilder<MonthlyStatement> builder)
    {
        builder.ToTable("monthly_statements");
        builder.HasKey(m => new { m.TenantId, m.CustomerId, m.Month });
        builder.Property(m => m.OpeningBalance).HasPrecision(18, 2);
        builder.Property(m => m.ClosingBalance).HasPrecision(18, 2);
        builder.Property(m => m.Body).HasColumnType("jsonb");
    }
}
