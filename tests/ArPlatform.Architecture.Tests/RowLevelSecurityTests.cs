using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Collections.Persistence;
using ArPlatform.Customers.Persistence;
using ArPlatform.Documents.Persistence;
using ArPlatform.Identity.Persistence;
using ArPlatform.Invoices.Persistence;
using ArPlatform.Reporting.Persistence;
using ArPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ArPlatform.Architecture.Tests;

/// <summary>Every service's database, migrated and provisioned as the service does it, keeps each tenant's rows to itself.</summary>
public sealed class RowLevelSecurityTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    internal static readonly IServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();

    internal static readonly Dictionary<string, Func<TestDatabase, Task>> Databases = new()
    {
        ["identity"] = db => DatabaseRegistration.ProvisionAsync<IdentityDbContext>(NoServices, db.Owner, db.App, CancellationToken.None),
        ["customers"] = db => DatabaseRegistration.ProvisionAsync<CustomersDbContext>(NoServices, db.Owner, db.App, CancellationToken.None),
        ["invoices"] = db => DatabaseRegistration.ProvisionAsync<InvoicesDbContext>(NoServices, db.Owner, db.App, CancellationToken.None),
        ["collections"] = db => DatabaseRegistration.ProvisionAsync<CollectionsDbContext>(NoServices, db.Owner, db.App, CancellationToken.None),
        ["documents"] = db => DatabaseRegistration.ProvisionAsync<DocumentsDbContext>(NoServices, db.Owner, db.App, CancellationToken.None),
        ["reporting"] = db => DatabaseRegistration.ProvisionAsync<ReportingDbContext>(NoServices, db.Owner, db.App, CancellationToken.None),
    };

    /// <summary>Tables with a tenant column that are read across tenants by design, and why.</summary>
    private static readonly Dictionary<string, string> CrossTenant = new()
    {
        ["outbox_messages"] = "the relay publishes every tenant's events (ADR 0003)",
        ["import_queue"] = "the import workers lease every tenant's jobs from it; it holds ids only",
        ["risk_queue"] = "the risk re-score job takes every tenant's queued customers from it",
        ["message_queue"] = "the message dispatcher takes every tenant's due emails, SMS and letters from it; ids and times only",
        ["worklist_stale"] = "the worklist refresher takes every tenant's marked accounts from it; ids and times only",
        ["daily_job_runs"] = "the daily-job runner claims every tenant's runs before it acts inside one, and /platform/jobs (platform.admin) reports them; ids, dates, states and errors only (ADR 0016)",
        ["api_clients"] = "a client is looked up by its id before its tenant is known",
    };

    public static TheoryData<string> DatabaseNames => [.. Databases.Keys];

    [Theory]
    [MemberData(nameof(DatabaseNames))]
    public async Task Every_table_with_a_tenant_column_is_under_forced_row_level_security_the_application_role_cannot_bypass(string database)
    {
        var db = await infrastructure.NewServiceDatabaseAsync(database);
        await Databases[database](db);

        await using (var connection = new NpgsqlConnection(db.Admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT c.relname,
                       c.relrowsecurity AND c.relforcerowsecurity,
                       EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname
                               AND p.qual LIKE '%tenant_id%app.tenant_id%' AND p.with_check LIKE '%tenant_id%app.tenant_id%')
                FROM pg_class c
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
                WHERE c.relkind IN ('r', 'p') AND c.relnamespace = 'public'::regnamespace
                ORDER BY c.relname
                """, connection);
            var tenantTables = new List<string>();
            var unprotected = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var (table, forced, policy) = (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2));
                if (CrossTenant.ContainsKey(table))
                {
                    continue;
                }

                tenantTables.Add(table);
                if (!forced || !policy)
                {
                    unprotected.Add($"{table}: {(forced ? "" : "row-level security not enabled and forced; ")}{(policy ? "" : "no tenant policy")}");
                }
            }

            Assert.Empty(unprotected);
            if (database != "identity")
            {
                Assert.NotEmpty(tenantTables);
            }
        }

        // The role the service migrates as owns every table (so FORCE applies to it, as it is no superuser), and the role
        // it runs as is no superuser, has no BYPASSRLS (not even through a role it belongs to), and owns nothing, so it
        // can neither disable row-level security nor drop a policy (ADR 0026).
        await using (var owner = new NpgsqlConnection(db.Owner))
        {
            await owner.OpenAsync();
            await using var owned = new NpgsqlCommand("""
                SELECT (SELECT count(*) FROM pg_roles r WHERE (r.rolsuper OR r.rolbypassrls) AND pg_has_role(current_user, r.oid, 'MEMBER')),
                       (SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'S')
                        AND c.relowner <> current_user::regrole)
                """, owner);
            await using var ownedReader = await owned.ExecuteReaderAsync();
            Assert.True(await ownedReader.ReadAsync());
            Assert.Equal(0L, ownedReader.GetInt64(0));
            Assert.Equal(0L, ownedReader.GetInt64(1));
        }

        await using var app = new NpgsqlConnection(db.App);
        await app.OpenAsync();
        await using var role = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM pg_roles r WHERE (r.rolsuper OR r.rolbypassrls) AND pg_has_role(current_user, r.oid, 'MEMBER')),
                   (SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND pg_has_role(current_user, c.relowner, 'MEMBER'))
            """, app);
        await using var roleReader = await role.ExecuteReaderAsync();
        Assert.True(await roleReader.ReadAsync());
        Assert.Equal(0L, roleReader.GetInt64(0));
        Assert.Equal(0L, roleReader.GetInt64(1));
    }
}
