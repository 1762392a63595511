using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Reporting.Aging;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Persistence;

public sealed class ReportingDbContext(DbContextOptions<ReportingDbContext> options) : TenantDbContext(options)
{
    public DbSet<ReceivableView> Receivables => Set<ReceivableView>();

    public DbSet<SettlementView> Settlements => Set<SettlementView>();

    public DbSet<AgingSettings> AgingSettings => Set<AgingSettings>();

    public DbSet<AgingSnapshotState> AgingSnapshots => Set<AgingSnapshotState>();

    public DbSet<AgingSnapshotRow> AgingSnapshotRows => Set<AgingSnapshotRow>();

    public DbSet<AgingSnapshotCustomer> AgingSnapshotCustomers => Set<AgingSnapshotCustomer>();

    public DbSet<AgingSnapshotTotals> AgingSnapshotTotals => Set<AgingSnapshotTotals>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReceivableView>(e =>
        {
            e.ToTable("receivables");
            e.HasKey(r => r.InvoiceId);
            e.Property(r => r.Number).HasMaxLength(50);
            e.Property(r => r.Amount).HasPrecision(18, 2);
            e.Property(r => r.Currency).HasMaxLength(3);
            e.Property(r => r.DealerCode).HasMaxLength(50);
            e.HasIndex(r => new { r.TenantId, r.CustomerId, r.DueDate });
            e.HasIndex(r => new { r.TenantId, r.DealerCode });
        });
        modelBuilder.Entity<SettlementView>(e =>
        {
            e.ToTable("settlements");
            e.HasKey(s => s.Id);
            e.Property(s => s.Kind).HasMaxLength(20);
            e.Property(s => s.Amount).HasPrecision(18, 2);
            e.HasIndex(s => new { s.TenantId, s.CustomerId, s.DueDate });
            e.HasIndex(s => new { s.TenantId, s.InvoiceId });
        });
        modelBuilder.Entity<AgingSettings>(e =>
        {
            e.ToTable("aging_settings");
            e.HasKey(s => s.TenantId);
            e.Property(s => s.TenantId).ValueGeneratedNever();
        });
        modelBuilder.Entity<AgingSnapshotState>(e =>
        {
            e.ToTable("aging_snapshots");
            e.HasKey(s => s.TenantId);
            e.Property(s => s.TenantId).ValueGeneratedNever();
        });
        modelBuilder.Entity<AgingSnapshotRow>(e =>
        {
            e.ToTable("aging_snapshot_rows");
            e.HasKey(r => new { r.TenantId, r.CustomerId, r.Bucket });
            e.Property(r => r.Amount).HasPrecision(18, 2);
        });
        modelBuilder.Entity<AgingSnapshotCustomer>(e =>
        {
            e.ToTable("aging_snapshot_customers");
            e.HasKey(r => new { r.TenantId, r.CustomerId });
            // No index on total: every event changes it, and an indexed total would make each update write a new index
            // entry (no HOT) and bloat the table; ranking a tenant's few thousand totals is a millisecond.
            e.Property(r => r.Total).HasPrecision(18, 2);
        });
        modelBuilder.Entity<AgingSnapshotTotals>(e =>
        {
            e.ToTable("aging_snapshot_totals");
            e.HasKey(t => new { t.TenantId, t.Slot });
            e.Property(t => t.Amounts).HasColumnType("numeric(18,2)[]");
        });
    }
}

public sealed class ReportingDbContextFactory : DesignTimeFactory<ReportingDbContext>;
