using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ArPlatform.BuildingBlocks.Persistence;

/// <summary>Lets <c>dotnet ef</c> build a service's model without a running platform.</summary>
public abstract class DesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : TenantDbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>()
            .UseNpgsql("Host=localhost;Database=design", npgsql => npgsql.MigrationsHistoryTable(DatabaseRegistration.MigrationsHistoryTable))
            .Options;
        return (TContext)Activator.CreateInstance(typeof(TContext), options)!;
    }
}
