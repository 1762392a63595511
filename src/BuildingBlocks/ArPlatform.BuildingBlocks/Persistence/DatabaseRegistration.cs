using ArPlatform.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ArPlatform.BuildingBlocks.Persistence;

/// <summary>The two ways a service reaches its database.</summary>
/// <param name="Admin">The connection string the platform gives (ConnectionStrings__{name}): migrates and provisions.</param>
/// <param name="App">The same database as the application role, which cannot bypass row-level security.</param>
public sealed record DatabaseConnections<TContext>(string Admin, string App);

public static class DatabaseRegistration
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the application role with the tenant set on every connection,
    /// migrates and provisions the database before the service serves, and adds a readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddTenantDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : TenantDbContext
    {
        var admin = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set: run the service from the AppHost, or set ConnectionStrings__{connectionName}.");
        var app = AppRoleConnectionString(admin);
        builder.Services.AddSingleton(new DatabaseConnections<TContext>(admin, app));
        // Pooled: a new context per scope resolved a few dozen EF services and built its options, a tenth of a
        // service's CPU per request or message. The scope rents a context and gives it the scope's tenant.
        builder.Services.AddPooledDbContextFactory<TContext>((sp, options) => options
            .UseNpgsql(app, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable))
            .AddInterceptors(TenantConnectionInterceptor.Instance)
            .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
        builder.Services.AddScoped(sp =>
        {
            var context = sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
            context.Tenant = sp.GetRequiredService<ITenantContext>();
            return context;
        });
        builder.Services.TryAddScoped<TenantContext>();
        builder.Services.TryAddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        builder.Services.AddHostedService<DatabaseInitializer<TContext>>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TContext>>(connectionName, tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// The application role of a database: <c>{database}_app</c>, with the administrator's password. Statements run
    /// twice are prepared on the server and kept with the pooled connection, so the hot paths (tenant setting, lookups,
    /// inserts) skip parsing and planning (an explicit setting in the given connection string wins); the pool does not
    /// reset a connection it hands out again.
    /// </summary>
    public static string AppRoleConnectionString(string adminConnectionString)
    {
        var csb = new NpgsqlConnectionStringBuilder(adminConnectionString);
        csb.Username = AppRoleName(csb.Database ?? throw new InvalidOperationException("The connection string names no database."));
        if (csb.MaxAutoPrepare == 0)
        {
            csb.MaxAutoPrepare = 100;
            csb.AutoPrepareMinUsages = 2;
        }

        // A pooled connection is not reset when it goes back to the pool (RESET ALL, DISCARD TEMP, unlock...): that ran
        // on every reuse, several times per payment (ADR 0013). What the reset would clear, nothing here
        // leaves behind: every open through EF sets app.tenant_id afresh (TenantConnectionInterceptor, "" without a
        // tenant), and no code takes session advisory locks, temporary tables, cursors or LISTEN on the app role.
        csb.NoResetOnClose = true;

        return csb.ConnectionString;
    }

    public static string AppRoleName(string database) =>
        new string([.. database.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_')]) + "_app";

    /// <summary>Migrates the database and (re)creates the application role with the rights it needs and no more.</summary>
    public static async Task ProvisionAsync<TContext>(IServiceProvider services, string admin, CancellationToken cancellationToken)
        where TContext : TenantDbContext
    {
        var csb = new NpgsqlConnectionStringBuilder(admin);
        // Unpooled, so the session and its lock end with this method.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // Replicas start together: one migrates and provisions while the others wait here, then find nothing to do.
        // (Advisory locks are per database, so different services do not wait for each other.)
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('arplatform-provision'))", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var options = new DbContextOptionsBuilder<TContext>()
            .UseNpgsql(admin, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable))
            .Options;
        await using (var context = ActivatorUtilities.CreateInstance<TContext>(services, options))
        {
            await context.Database.MigrateAsync(cancellationToken);
        }

        var role = AppRoleName(csb.Database!);
        var password = (csb.Password ?? "").Replace("'", "''");
        await using var command = new NpgsqlCommand($"""
            DO $$
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
                CREATE ROLE "{role}" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '{password}';
              ELSE
                ALTER ROLE "{role}" LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '{password}';
              END IF;
            END $$;
            GRANT CONNECT ON DATABASE "{csb.Database}" TO "{role}";
            GRANT USAGE ON SCHEMA public TO "{role}";
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}";
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}";
            REVOKE ALL ON "{MigrationsHistoryTable}" FROM "{role}";
            """, connection);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>Runs before the service starts listening: a service never serves on an unmigrated database.</summary>
internal sealed class DatabaseInitializer<TContext>(
    IServiceProvider services, DatabaseConnections<TContext> connections, ILogger<DatabaseInitializer<TContext>> logger) : IHostedService
    where TContext : TenantDbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await DatabaseRegistration.ProvisionAsync<TContext>(services, connections.Admin, cancellationToken);
                logger.LogInformation("Database of {Context} migrated and provisioned", typeof(TContext).Name);
                return;
            }
            catch (NpgsqlException e) when (attempt < 10 && e.IsTransient)
            {
                logger.LogWarning(e, "Database not reachable yet (attempt {Attempt}); retrying", attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class DatabaseHealthCheck<TContext>(DatabaseConnections<TContext> connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connections.App);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
