using Microsoft.EntityFrameworkCore.Migrations;

namespace ArPlatform.BuildingBlocks.Persistence;

/// <summary>Migration steps that put a table under tenant row-level security.</summary>
public static class RowLevelSecurity
{
    /// <summary>
    /// Enables and forces RLS on <paramref name="table"/>: rows are visible and writable only when their tenant_id
    /// equals the connection's <c>app.tenant_id</c>. FORCE applies it to the table owner too.
    /// </summary>
    public static void EnableTenantIsolation(this MigrationBuilder migrationBuilder, string table)
    {
        migrationBuilder.Sql($"""
            ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY;
            ALTER TABLE "{table}" FORCE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON "{table}"
                USING (tenant_id = NULLIF(current_setting('{TenantConnectionInterceptor.Setting}', true), '')::uuid)
                WITH CHECK (tenant_id = NULLIF(current_setting('{TenantConnectionInterceptor.Setting}', true), '')::uuid);
            """);
    }

    /// <summary>
    /// Lets a connection read the table's rows of the tenants in <c>app.read_tenants</c> too (a second, SELECT-only
    /// policy: PostgreSQL admits a row that either policy admits); inserts and updates still need the one tenant.
    /// </summary>
    public static void AllowReadingAcrossTenants(this MigrationBuilder migrationBuilder, string table) =>
        migrationBuilder.Sql($"""
            CREATE POLICY tenant_set_read ON "{table}" FOR SELECT
                USING (tenant_id = ANY (string_to_array(NULLIF(current_setting('{TenantConnectionInterceptor.ReadSetting}', true), ''), ',')::uuid[]));
            """);

    public static void DisableTenantIsolation(this MigrationBuilder migrationBuilder, string table)
    {
        migrationBuilder.Sql($"""
            DROP POLICY IF EXISTS tenant_isolation ON "{table}";
            ALTER TABLE "{table}" NO FORCE ROW LEVEL SECURITY;
            ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY;
            """);
    }
}
