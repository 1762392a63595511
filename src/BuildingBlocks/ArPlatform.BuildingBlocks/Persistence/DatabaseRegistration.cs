using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.ServiceDefaults.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ArPlatform.BuildingBlocks.Persistence;

/// <summary>The two ways a service reaches its database (ADR 0026); neither is a superuser.</summary>
/// <param name="Owner">The owner role (ConnectionStrings__{name}-migrations): migrates and grants, and nothing else.</param>
/// <param name="App">The application role (ConnectionStrings__{name}), which the service runs as: it owns nothing and
/// cannot bypass row-level security.</param>
public sealed record DatabaseConnections<TContext>(string Owner, string App);

public static class DatabaseRegistration
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    /// <summary>The name of the owner role's connection string beside the application role's <paramref name="connectionName"/>.</summary>
    public static string MigrationsConnectionName(string connectionName) => connectionName + "-migrations";

    /// <summary>
    /// Registers <typeparamref name="TContext"/> on the application role with the tenant set on every connection,
    /// migrates and grants as the owner role before the service serves, and adds a readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddTenantDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : TenantDbContext
    {
        var given = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set: run the service from the AppHost, or set ConnectionStrings__{connectionName} (the application role).");
        // The build's document generator migrates nothing (an environment variable with a dash does not reach it).
        var owner = builder.Configuration.GetConnectionString(MigrationsConnectionName(connectionName))
            ?? (ApiDocumentExtensions.GeneratingDocuments ? given : null)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{MigrationsConnectionName(connectionName)} is not set: run the service from the AppHost, or set " +
                $"ConnectionStrings__{MigrationsConnectionName(connectionName)} (the database's owner role, which migrates; ADR 0026).");
        var app = AppConnectionString(given);
        builder.Services.AddSingleton(new DatabaseConnections<TContext>(owner, app));
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
    /// The application role's connection string as the service uses it. Statements run twice are prepared on the
    /// server and kept with the pooled connection, so the hot paths (tenant setting, lookups, inserts) skip parsing and
    /// planning (an explicit setting in the given connection string wins); the pool does not reset a connection it
    /// hands out again.
    /// </summary>
    public static string AppConnectionString(string appRoleConnectionString)
    {
        var csb = new NpgsqlConnectionStringBuilder(appRoleConnectionString);
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

    /// <summary>
    /// As the owner role: migrates the database and grants the application role (the user of <paramref name="app"/>)
    /// what it needs and no more. Refuses either connection string when it is a superuser's or can bypass row-level
    /// security, and the application role when it owns anything (ADR 0026).
    /// </summary>
    public static async Task ProvisionAsync<TContext>(IServiceProvider services, string owner, string app, CancellationToken cancellationToken)
        where TContext : TenantDbContext
    {
        var database = new NpgsqlConnectionStringBuilder(owner).Database
            ?? throw new InvalidOperationException("The owner's connection string names no database.");
        var role = new NpgsqlConnectionStringBuilder(app).Username
            ?? throw new InvalidOperationException("The application role's connection string names no user.");
        // Unpooled, so the session and its lock end with this method.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(owner) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await RefuseAsync(connection, "SELECT current_user FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls)", null,
            "migrates as {0}, a superuser or a role that bypasses row-level security: give it the database's owner role");
        await RefuseAsync(connection, "SELECT rolname FROM pg_roles WHERE rolname = @role AND (rolsuper OR rolbypassrls OR rolname = current_user)", role,
            "runs as {0}, a superuser, a role that bypasses row-level security, or the owner itself: give it the database's application role");

        // Replicas start together: one migrates and provisions while the others wait here, then find nothing to do.
        // (Advisory locks are per database, so different services do not wait for each other.)
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('arplatform-provision'))", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var options = new DbContextOptionsBuilder<TContext>()
            .UseNpgsql(owner, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable))
            .Options;
        await using (var context = ActivatorUtilities.CreateInstance<TContext>(services, options))
        {
            await context.Database.MigrateAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand($"""
            GRANT CONNECT ON DATABASE "{database}" TO "{role}";
            GRANT USAGE ON SCHEMA public TO "{role}";
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}";
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}";
            REVOKE ALL ON "{MigrationsHistoryTable}" FROM "{role}";
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "{role}";
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "{role}";
            """, connection);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        async Task RefuseAsync(NpgsqlConnection on, string sql, string? parameter, string message)
        {
            await using var check = new NpgsqlCommand(sql, on);
            if (parameter is not null)
            {
                check.Parameters.AddWithValue("role", parameter);
            }

            if (await check.ExecuteScalarAsync(cancellationToken) is string offending)
            {
                throw new InvalidOperationException($"The service's database {database} " + string.Format(System.Globalization.CultureInfo.InvariantCulture, message, offending) + " (ADR 0026).");
            }
        }
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
                await DatabaseRegistration.ProvisionAsync<TContext>(services, connections.Owner, connections.App, cancellationToken);
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
