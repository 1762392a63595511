using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Reporting.Aging;
using ArPlatform.Reporting.Customers;
using ArPlatform.Reporting.Expected;
using ArPlatform.Reporting.Ledger;
using ArPlatform.Reporting.Outcomes;
using ArPlatform.Reporting.Periodic;
using ArPlatform.Reporting.Plans;
using ArPlatform.BuildingBlocks.Jobs;
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

    public DbSet<ReportCustomer> Customers => Set<ReportCustomer>();

    public DbSet<LedgerDay> LedgerDays => Set<LedgerDay>();

    public DbSet<LedgerMonth> LedgerMonths => Set<LedgerMonth>();

    public DbSet<TenantLedgerDay> TenantLedgerDays => Set<TenantLedgerDay>();

    public DbSet<TenantLedgerMonth> TenantLedgerMonths => Set<TenantLedgerMonth>();

    public DbSet<LedgerState> LedgerStates => Set<LedgerState>();

    public DbSet<ReportPromise> Promises => Set<ReportPromise>();

    public DbSet<ReportDispute> Disputes => Set<ReportDispute>();

    public DbSet<CollectionPlan> Plans => Set<CollectionPlan>();

    public DbSet<OpenItem> OpenItems => Set<OpenItem>();

    public DbSet<ReportTenant> Tenants => Set<ReportTenant>();

    public DbSet<KeptForecast> KeptForecasts => Set<KeptForecast>();

    public DbSet<ReportSchedule> Schedules => Set<ReportSchedule>();

    public DbSet<PeriodicReport> PeriodicReports => Set<PeriodicReport>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        ConfigureLedger(modelBuilder);
        modelBuilder.AddDailyJobTables();
        modelBuilder.Entity<ReportTenant>(e =>
        {
            e.ToTable("report_tenants");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<KeptForecast>(e =>
        {
            e.ToTable("kept_forecasts");
            e.HasKey(f => new { f.TenantId, f.MadeOn });
            e.Property(f => f.Report).HasColumnType("jsonb");
        });
        modelBuilder.Entity<ReportSchedule>(e =>
        {
            e.ToTable("report_schedules");
            e.HasKey(s => s.TenantId);
            e.Property(s => s.TenantId).ValueGeneratedNever();
            e.Property(s => s.Frequency).HasMaxLength(10);
        });
        modelBuilder.Entity<PeriodicReport>(e =>
        {
            e.ToTable("periodic_reports");
            e.HasKey(r => r.Id);
            e.Property(r => r.Trigger).HasMaxLength(10);
            e.Property(r => r.Frequency).HasMaxLength(10);
            e.Property(r => r.MailError).HasMaxLength(1000);
            e.HasIndex(r => new { r.TenantId, r.GeneratedAt });
            // One scheduled report per tenant and period, however often the daily job runs the day again.
            e.HasIndex(r => new { r.TenantId, r.PeriodTo, r.Frequency }).IsUnique().HasFilter("trigger = 'scheduled'");
        });
        modelBuilder.Entity<ReportCustomer>(e =>
        {
            e.ToTable("report_customers");
            e.HasKey(c => c.CustomerId);
            e.Property(c => c.Code).HasMaxLength(50);
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Type).HasMaxLength(20);
            e.Property(c => c.Region).HasMaxLength(20);
            e.Property(c => c.Collector).HasMaxLength(100);
            e.Property(c => c.Portfolio).HasMaxLength(100);
            e.HasIndex(c => new { c.TenantId, c.Code });
        });
        modelBuilder.Entity<OpenItem>(e =>
        {
            e.ToTable("open_items");
            e.HasKey(o => o.InvoiceId);
            e.Property(o => o.OpenAmount).HasPrecision(18, 2);
            // Only the open ones, covering what expected collections read: a settled invoice leaves the index, so a forecast reads
            // what is open, by due date, without visiting the table.
            e.HasIndex(o => new { o.TenantId, o.DueDate }).HasFilter("open_amount > 0").IncludeProperties(o => new { o.CustomerId, o.OpenAmount });
        });
        modelBuilder.Entity<CollectionPlan>(e =>
        {
            e.ToTable("collection_plans");
            e.HasKey(p => new { p.TenantId, p.Month, p.Dimension, p.Key });
            e.Property(p => p.Dimension).HasMaxLength(10);
            e.Property(p => p.Key).HasMaxLength(100);
            e.Property(p => p.Planned).HasPrecision(18, 2);
        });
        modelBuilder.Entity<ReportPromise>(e =>
        {
            e.ToTable("report_promises");
            e.HasKey(p => p.PromiseId);
            e.Property(p => p.Amount).HasPrecision(18, 2);
            e.Property(p => p.Collected).HasPrecision(18, 2);
            e.Property(p => p.Status).HasMaxLength(10);
            e.HasIndex(p => new { p.TenantId, p.PromisedDate });
        });
        modelBuilder.Entity<ReportDispute>(e =>
        {
            e.ToTable("report_disputes");
            e.HasKey(d => d.DisputeId);
            e.Property(d => d.Amount).HasPrecision(18, 2);
            e.Property(d => d.Outcome).HasMaxLength(20);
            e.HasIndex(d => new { d.TenantId, d.RaisedOn });
        });
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

    private static void ConfigureLedger(ModelBuilder modelBuilder)
    {
        static void Amounts<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> e) where T : LedgerEntry
        {
            e.Property(l => l.Invoiced).HasPrecision(18, 2);
            e.Property(l => l.DebitNotes).HasPrecision(18, 2);
            e.Property(l => l.Cancelled).HasPrecision(18, 2);
            e.Property(l => l.Collected).HasPrecision(18, 2);
            e.Property(l => l.CreditNotes).HasPrecision(18, 2);
            e.Property(l => l.WrittenOff).HasPrecision(18, 2);
            e.Property(l => l.NotDue).HasPrecision(18, 2);
            e.Property(l => l.CollectedDaysLate).HasPrecision(22, 2);
        }

        // Keys lead with the date: a figure as of a date reads a range of days or months of the tenant.
        modelBuilder.Entity<LedgerDay>(e =>
        {
            e.ToTable("ledger_days");
            e.HasKey(l => new { l.TenantId, l.Day, l.CustomerId });
            Amounts(e);
        });
        modelBuilder.Entity<LedgerMonth>(e =>
        {
            e.ToTable("ledger_months");
            e.HasKey(l => new { l.TenantId, l.Month, l.CustomerId });
            Amounts(e);
        });
        modelBuilder.Entity<TenantLedgerDay>(e =>
        {
            e.ToTable("tenant_ledger_days");
            e.HasKey(l => new { l.TenantId, l.Day, l.Slot });
            Amounts(e);
        });
        modelBuilder.Entity<TenantLedgerMonth>(e =>
        {
            e.ToTable("tenant_ledger_months");
            e.HasKey(l => new { l.TenantId, l.Month, l.Slot });
            Amounts(e);
        });
        modelBuilder.Entity<LedgerState>(e =>
        {
            e.ToTable("ledger_states");
            e.HasKey(s => s.TenantId);
            e.Property(s => s.TenantId).ValueGeneratedNever();
        });
    }
}

public sealed class ReportingDbContextFactory : DesignTimeFactory<ReportingDbContext>;
