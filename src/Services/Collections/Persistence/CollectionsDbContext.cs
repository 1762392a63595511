using System.Text.Json;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Collections.Accounts;
using ArPlatform.Collections.Activities;
using ArPlatform.Collections.Disputes;
using ArPlatform.Collections.Dunning;
using ArPlatform.Collections.Messages;
using ArPlatform.Collections.Promises;
using ArPlatform.Collections.Settings;
using ArPlatform.Collections.Tenants;
using ArPlatform.BuildingBlocks.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CollectionTenant>(e =>
        {
            e.ToTable("tenants");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<CollectionAccount>(e =>
        {
            e.ToTable("accounts");
            e.HasKey(a => a.CustomerId);
            e.Property(a => a.CustomerId).ValueGeneratedNever();
            e.Property(a => a.Code).HasMaxLength(50);
            e.Property(a => a.Name).HasMaxLength(200);
            e.Property(a => a.Type).HasMaxLength(20);
            e.Property(a => a.Collector).HasMaxLength(100);
            e.Property(a => a.Portfolio).HasMaxLength(100);
            e.Property(a => a.RiskRating).HasMaxLength(2);
            e.Property(a => a.HoldReason).HasMaxLength(500);
            e.Property(a => a.PauseReason).HasMaxLength(500);
            e.HasIndex(a => new { a.TenantId, a.Collector });
        });
        modelBuilder.Entity<CollectionItem>(e =>
        {
            e.ToTable("items");
            e.HasKey(i => i.InvoiceId);
            // Room on each page for a row's new version when a run moves its position: an update in place (HOT) rewrites no index.
            e.HasStorageParameter("fillfactor", 85);
            e.Property(i => i.InvoiceId).ValueGeneratedNever();
            e.Property(i => i.Number).HasMaxLength(50);
            e.Property(i => i.Amount).HasPrecision(18, 2);
            e.Property(i => i.OpenAmount).HasPrecision(18, 2);
            e.Property(i => i.DisputedAmount).HasPrecision(18, 2);
            e.Property(i => i.ClosedAs).HasMaxLength(20);
            e.Property(i => i.PositionStep).HasMaxLength(50);
            e.Property(i => i.HeldFor).HasMaxLength(50);
            // By due date too: a run asks of every account whether an item has reached a step, answered from the index.
            e.HasIndex(i => new { i.TenantId, i.CustomerId, i.DueDate }).HasFilter("open_amount > 0 AND issued").HasDatabaseName("ix_items_open_by_customer");
            e.HasIndex(i => new { i.TenantId, i.Number });
        });
        modelBuilder.Entity<AccountContact>(e =>
        {
            e.ToTable("contacts");
            e.HasKey(c => c.ContactId);
            e.Property(c => c.ContactId).ValueGeneratedNever();
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Role).HasMaxLength(100);
            e.Property(c => c.EscalationLevel).HasMaxLength(2);
            e.Property(c => c.Phone).HasMaxLength(30);
            e.Property(c => c.Email).HasMaxLength(200);
            e.Property(c => c.PreferredChannel).HasMaxLength(10);
            e.HasIndex(c => new { c.TenantId, c.CustomerId });
        });
        modelBuilder.Entity<CashReceipt>(e =>
        {
            e.ToTable("receipts");
            e.HasKey(r => r.Id);
            e.Property(r => r.Amount).HasPrecision(18, 2);
            e.HasIndex(r => new { r.TenantId, r.CustomerId, r.EffectiveDate });
            e.HasIndex(r => new { r.TenantId, r.PaymentId });
        });
        modelBuilder.Entity<DunningStrategy>(e =>
        {
            e.ToTable("strategies");
            e.HasKey(s => new { s.TenantId, s.Code });
            e.Property(s => s.Code).HasMaxLength(50);
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.AppliesTo).Json();
            e.Property(s => s.Steps).Json();
        });
        modelBuilder.Entity<DunningAction>(e =>
        {
            e.ToTable("actions");
            e.HasKey(a => a.Id);
            e.Property(a => a.StrategyCode).HasMaxLength(50);
            e.Property(a => a.StepCode).HasMaxLength(50);
            e.Property(a => a.StepName).HasMaxLength(200);
            e.Property(a => a.Action).HasMaxLength(20);
            e.Property(a => a.Kind).HasMaxLength(10);
            e.Property(a => a.SkipReason).HasMaxLength(100);
            e.Property(a => a.Trigger).HasMaxLength(20);
            e.Property(a => a.Outcome).HasMaxLength(500);
            e.Property(a => a.Amount).HasPrecision(18, 2);
            e.Property(a => a.Items).Json();
            e.Property(a => a.ItemIds).HasDefaultValueSql("'{}'::uuid[]");
            // Exactly once: one action (taken or skipped) per account, step and business date, whoever runs it.
            e.HasIndex(a => new { a.TenantId, a.CustomerId, a.StepCode, a.BusinessDate }).IsUnique();
            e.HasIndex(a => new { a.TenantId, a.RunId });
        });
        modelBuilder.Entity<Worklist.WorklistEntry>(e =>
        {
            e.ToTable("worklist_entries");
            e.HasKey(w => w.CustomerId);
            e.Property(w => w.Collector).HasMaxLength(100);
            e.Property(w => w.Code).HasMaxLength(50);
            e.Property(w => w.Overdue).HasPrecision(18, 2);
            e.Property(w => w.Row).Json();
            e.HasIndex(w => new { w.TenantId, w.Collector, w.Score, w.Overdue }).IsDescending(false, false, true, true);
        });
        modelBuilder.Entity<Worklist.StaleWorklistEntry>(e =>
        {
            e.ToTable("worklist_stale");
            e.HasKey(w => w.Id);
            e.Property(w => w.Id).UseIdentityAlwaysColumn();
            e.HasIndex(w => new { w.TenantId, w.Id });
        });
        modelBuilder.Entity<DunningRun>(e =>
        {
            e.ToTable("runs");
            e.HasKey(r => r.Id);
            e.Property(r => r.Trigger).HasMaxLength(20);
            e.Property(r => r.Status).HasMaxLength(20);
            e.Property(r => r.ActionsByKind).Json();
        });
        modelBuilder.Entity<OutgoingMessage>(e =>
        {
            e.ToTable("messages");
            e.HasKey(m => m.Id);
            e.Property(m => m.Channel).HasMaxLength(10);
            e.Property(m => m.TemplateCode).HasMaxLength(50);
            e.Property(m => m.ToName).HasMaxLength(200);
            e.Property(m => m.ToAddress).HasMaxLength(200);
            e.Property(m => m.ContactLevel).HasMaxLength(10);
            e.Property(m => m.AddressingNote).HasMaxLength(500);
            e.Property(m => m.Subject).HasMaxLength(500);
            e.Property(m => m.Status).HasMaxLength(10);
            e.Ignore(m => m.MessageIdHeader);
            e.Property(m => m.Model).Json();
            e.HasIndex(m => m.NextAttemptAt).HasFilter("status = 'queued'").HasDatabaseName("ix_messages_queued");
            e.HasIndex(m => new { m.TenantId, m.CustomerId, m.CreatedAt });
        });
        modelBuilder.Entity<QueuedMessage>(e =>
        {
            e.ToTable("message_queue");
            e.HasKey(q => q.MessageId);
            e.Property(q => q.MessageId).ValueGeneratedNever();
            e.HasIndex(q => q.NextAttemptAt);
        });
        modelBuilder.Entity<TenantTemplate>(e =>
        {
            e.ToTable("templates");
            e.HasKey(t => new { t.TenantId, t.Code });
            e.Property(t => t.Code).HasMaxLength(50);
            e.Property(t => t.Channel).HasMaxLength(10);
            e.Property(t => t.Subject).HasMaxLength(500);
        });
        modelBuilder.Entity<Activity>(e =>
        {
            e.ToTable("activities");
            e.HasKey(a => a.Id);
            e.Property(a => a.Type).HasMaxLength(10);
            e.Property(a => a.Disposition).HasMaxLength(20);
            e.Property(a => a.Notes).HasMaxLength(4000);
            e.Property(a => a.LoggedBy).HasMaxLength(200);
            e.HasIndex(a => new { a.TenantId, a.CustomerId, a.OccurredAt });
            e.HasIndex(a => new { a.TenantId, a.BusinessDate }).HasFilter("disposition = 'disputed' AND dispute_id IS NULL AND NOT complaint_checked")
                .HasDatabaseName("ix_activities_disputed_without_dispute");
        });
        modelBuilder.Entity<CollectionTask>(e =>
        {
            e.ToTable("tasks");
            e.HasKey(t => t.Id);
            e.Property(t => t.Kind).HasMaxLength(20);
            e.Property(t => t.Title).HasMaxLength(500);
            e.Property(t => t.ActivityType).HasMaxLength(10);
            e.Property(t => t.Assignee).HasMaxLength(100);
            e.Property(t => t.Status).HasMaxLength(10);
            e.HasIndex(t => new { t.TenantId, t.Assignee, t.DueDate }).HasFilter("status = 'open'").HasDatabaseName("ix_tasks_open");
            e.HasIndex(t => new { t.TenantId, t.CustomerId });
        });
        modelBuilder.Entity<PromiseToPay>(e =>
        {
            e.ToTable("promises");
            e.HasKey(p => p.Id);
            e.Property(p => p.Amount).HasPrecision(18, 2);
            e.Property(p => p.Collected).HasPrecision(18, 2);
            e.Property(p => p.Status).HasMaxLength(20);
            e.Property(p => p.MadeBy).HasMaxLength(200);
            e.Property(p => p.Instalments).Json();
            e.Ignore(p => p.WindowEnd);
            e.HasIndex(p => new { p.TenantId, p.CustomerId, p.Status });
        });
        modelBuilder.Entity<Dispute>(e =>
        {
            e.ToTable("disputes");
            e.HasKey(d => d.Id);
            e.Property(d => d.InvoiceNumber).HasMaxLength(50);
            e.Property(d => d.Amount).HasPrecision(18, 2);
            e.Property(d => d.CreditAmount).HasPrecision(18, 2);
            e.Property(d => d.Reason).HasMaxLength(30);
            e.Property(d => d.Notes).HasMaxLength(4000);
            e.Property(d => d.ResolutionNotes).HasMaxLength(4000);
            e.Property(d => d.Status).HasMaxLength(20);
            e.Property(d => d.Outcome).HasMaxLength(20);
            e.Property(d => d.RoutedTo).HasMaxLength(200);
            e.Property(d => d.RoutedToEmail).HasMaxLength(200);
            e.Property(d => d.RaisedBy).HasMaxLength(200);
            e.HasIndex(d => new { d.TenantId, d.CustomerId });
            e.HasIndex(d => new { d.TenantId, d.Status });
        });
        modelBuilder.Entity<CollectionSettings>(e =>
        {
            e.ToTable("settings");
            e.HasKey(s => s.TenantId);
            e.Property(s => s.TenantId).ValueGeneratedNever();
            e.Property(s => s.ClientName).HasMaxLength(200);
            e.Property(s => s.Spoc).Json();
            e.Property(s => s.Departments).Json();
        });
        modelBuilder.AddDailyJobTables();
    }
}

internal static class JsonColumns
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>A value of a JSON column, as read by raw SQL.</summary>
    public static T FromJson<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;

    /// <summary>A value stored as jsonb, compared by its JSON so that changes inside it are saved.</summary>
    public static PropertyBuilder<T> Json<T>(this PropertyBuilder<T> property) =>
        property.HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            v => JsonSerializer.Deserialize<T>(v, Options)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!));
}

public sealed class CollectionsDbContextFactory : DesignTimeFactory<CollectionsDbContext>;
