using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.BuildingBlocks.Imports;
using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Invoices.CreditNotes;
using ArPlatform.Invoices.Customers;
using ArPlatform.Invoices.DebitNotes;
using ArPlatform.Invoices.Invoices;
using ArPlatform.Invoices.Ledger;
using ArPlatform.Invoices.Notices;
using ArPlatform.Invoices.Payments;
using ArPlatform.Invoices.Tenants;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Persistence;

public sealed class InvoicesDbContext(DbContextOptions<InvoicesDbContext> options) : TenantDbContext(options)
{
    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();

    public DbSet<CreditNote> CreditNotes => Set<CreditNote>();

    public DbSet<Approvals.NonCashApproval> NonCashApprovals => Set<Approvals.NonCashApproval>();

    public DbSet<DebitNote> DebitNotes => Set<DebitNote>();

    public DbSet<KnownCustomer> Customers => Set<KnownCustomer>();

    public DbSet<KnownTenant> Tenants => Set<KnownTenant>();

    public DbSet<InvoiceSettings> InvoiceSettings => Set<InvoiceSettings>();

    public DbSet<InvoiceNotice> Notices => Set<InvoiceNotice>();

    public DbSet<Statements.MonthlyStatement> MonthlyStatements => Set<Statements.MonthlyStatement>();

    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    public DbSet<ImportChunk> ImportChunks => Set<ImportChunk>();

    public DbSet<ImportQueueEntry> ImportQueue => Set<ImportQueueEntry>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InvoicesDbContext).Assembly);
        modelBuilder.AddImportTables();
        modelBuilder.AddDailyJobTables();
        modelBuilder.AddAgingBoundsCopy();
    }
}

public sealed class InvoicesDbContextFactory : DesignTimeFactory<InvoicesDbContext>;
