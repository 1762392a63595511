using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.BuildingBlocks.Jobs;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Collections.Accounts;
using ArPlatform.Collections.Activities;
using ArPlatform.Collections.Disputes;
using ArPlatform.Collections.Dunning;
using ArPlatform.Collections.Messages;
using ArPlatform.Collections.Promises;
using ArPlatform.Collections.Settings;
using ArPlatform.Collections.Tenants;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Collections.Persistence;

public sealed class CollectionsDbContext(DbContextOptions<CollectionsDbContext> options) : TenantDbContext(options)
{
    public DbSet<CollectionTenant> Tenants => Set<CollectionTenant>();

    public DbSet<CollectionAccount> Accounts => Set<CollectionAccount>();

    public DbSet<CollectionItem> Items => Set<CollectionItem>();

    public DbSet<AccountContact> Contacts => Set<AccountContact>();

    public DbSet<CashReceipt> Receipts => Set<CashReceipt>();

    public DbSet<DunningStrategy> Strategies => Set<DunningStrategy>();

    public DbSet<DunningAction> Actions => Set<DunningAction>();

    public DbSet<DunningRun> Runs => Set<DunningRun>();

    public DbSet<OutgoingMessage> Messages => Set<OutgoingMessage>();

    public DbSet<TenantTemplate> Templates => Set<TenantTemplate>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<CollectionTask> Tasks => Set<CollectionTask>();

    public DbSet<PromiseToPay> Promises => Set<PromiseToPay>();

    public DbSet<Dispute> Disputes => Set<Dispute>();

    public DbSet<CollectionSettings> Settings => Set<CollectionSettings>();

    public DbSet<Audit.ConfigChange> ConfigChanges => Set<Audit.ConfigChange>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CollectionsDbContext).Assembly);
        modelBuilder.AddDailyJobTables();
        modelBuilder.AddAgingBoundsCopy();
    }
}

public sealed class CollectionsDbContextFactory : DesignTimeFactory<CollectionsDbContext>;
