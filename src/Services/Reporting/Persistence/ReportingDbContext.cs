using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Reporting.Aging;
using ArPlatform.Reporting.Customers;
using ArPlatform.Reporting.Expected;
using ArPlatform.Reporting.Ledger;
using ArPlatform.Reporting.Outcomes;
using ArPlatform.Reporting.Periodic;
using ArPlatform.Reporting.Plans;
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
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReportingDbContext).Assembly);
        modelBuilder.AddDailyJobTables();
    }
}

public sealed class ReportingDbContextFactory : DesignTimeFactory<ReportingDbContext>;
