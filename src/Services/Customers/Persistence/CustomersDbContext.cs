using ArPlatform.BuildingBlocks.Imports;
using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Customers.Customers;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Customers.Persistence;

public sealed class CustomersDbContext(DbContextOptions<CustomersDbContext> options) : TenantDbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Credit.CreditLimitChange> CreditLimitChanges => Set<Credit.CreditLimitChange>();

    public DbSet<Contacts.Contact> Contacts => Set<Contacts.Contact>();

    public DbSet<Risk.ReceivableMovement> ReceivableMovements => Set<Risk.ReceivableMovement>();

    public DbSet<Risk.RiskQueueEntry> RiskQueue => Set<Risk.RiskQueueEntry>();

    public DbSet<Risk.CustomerTenant> CustomerTenants => Set<Risk.CustomerTenant>();

    public DbSet<Risk.CreditSettings> CreditSettings => Set<Risk.CreditSettings>();

    public DbSet<Credit.CreditRequest> CreditRequests => Set<Credit.CreditRequest>();

    public DbSet<CustomerSearchWord> CustomerSearchWords => Set<CustomerSearchWord>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CustomersDbContext).Assembly);
        modelBuilder.AddImportTables();
        modelBuilder.AddDailyJobTables();
    }
}

public sealed class CustomersDbContextFactory : DesignTimeFactory<CustomersDbContext>;
