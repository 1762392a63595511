using System.Reflection;
using System.Text;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.BuildingBlocks.Persistence;

/// <summary>
/// Base of every service's DbContext: tenant rows are filtered to the current tenant (EF global filter; the database
/// enforces the same with row-level security), new rows get the current tenant, and the outbox and inbox tables are
/// part of the model so they commit in the same transaction as the business change. Names are snake_case.
/// Contexts are pooled (<see cref="DatabaseRegistration"/>): the scope that rents one gives it its tenant.
/// </summary>
public abstract class TenantDbContext(DbContextOptions options) : DbContext(options)
{
    private ITenantContext _tenant = NoTenant.Instance;

    private static readonly MethodInfo ApplyFilterMethod =
        typeof(TenantDbContext).GetMethod(nameof(ApplyTenantFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>The tenant the filters compare with; no tenant matches no row.</summary>
    protected Guid TenantFilterId => _tenant.TenantId ?? Guid.Empty;

    public ITenantContext Tenant
    {
        get => _tenant;
        internal set => _tenant = value;
    }

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureModel(modelBuilder);
        modelBuilder.ApplyOutboxAndInbox();
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            ApplyFilterMethod.MakeGenericMethod(entity.ClrType).Invoke(this, [modelBuilder]);
        }

        UseSnakeCaseNames(modelBuilder);
    }

    private void ApplyTenantFilter<T>(ModelBuilder modelBuilder) where T : class, ITenantOwned =>
        modelBuilder.Entity<T>().HasQueryFilter(e => e.TenantId == TenantFilterId);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void StampTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty)
            {
                entry.Entity.TenantId = _tenant.RequiredTenantId;
            }
            else if (entry.State is EntityState.Added or EntityState.Modified && entry.Entity.TenantId != _tenant.TenantId)
            {
                throw new InvalidOperationException("A row of another tenant cannot be written in this tenant's context.");
            }
        }
    }

    private static void UseSnakeCaseNames(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table && entity.GetViewName() is null)
            {
                entity.SetTableName(SnakeCase(table));
            }

            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(SnakeCase(key.GetName()!));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(SnakeCase(foreignKey.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
            }
        }
    }

    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>What a context acts for before a scope gives it a tenant: no tenant, so it matches no tenant row.</summary>
    private sealed class NoTenant : ITenantContext
    {
        public static readonly NoTenant Instance = new();

        public Guid? TenantId => null;

        public IReadOnlyList<Guid> ReadTenants => [];
    }
}
