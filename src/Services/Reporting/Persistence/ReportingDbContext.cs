using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Reporting.Aging;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Persistence;

public sealed class ReportingDbContext(DbContextOptions<ReportingDbContext> options, ITenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<ReceivableView> Receivables => Set<ReceivableView>();

    public DbSet<SettlementView> Settlements => Set<SettlementView>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReceivableView>(e =>
        {
            e.ToTable("receivables");
            e.HasKey(r => r.InvoiceId);
            e.Property(r => r.Number).HasMaxLength(50);
            e.Property(r => r.Amount).HasPrecision(18, 2);
            e.Property(r => r.Currency).HasMaxLength(3);
            e.HasIndex(r => new { r.TenantId, r.CustomerId, r.DueDate });
        });
        modelBuilder.Entity<SettlementView>(e =>
        {
            e.ToTable("settlements");
            e.HasKey(s => new { s.PaymentId, s.InvoiceId, s.Kind });
            e.Property(s => s.Kind).HasMaxLength(20);
            e.Property(s => s.Amount).HasPrecision(18, 2);
            e.HasIndex(s => new { s.TenantId, s.CustomerId, s.DueDate });
        });
    }
}

public sealed class ReportingDbContextFactory : DesignTimeFactory<ReportingDbContext>;
