using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ArPlatform.BuildingBlocks.Persistence;

/// <summary>
/// Sets <c>app.tenant_id</c> on every connection EF opens to the tenant of the context that opens it, which the
/// row-level security policies compare with; an empty value (no tenant) matches no tenant row. One instance serves
/// every context.
/// </summary>
public sealed class TenantConnectionInterceptor : DbConnectionInterceptor
{
    public static readonly TenantConnectionInterceptor Instance = new();

    public const string Setting = "app.tenant_id";

    /// <summary>The tenants the connection may read across where a table allows it: comma-separated ids.</summary>
    public const string ReadSetting = "app.read_tenants";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection, eventData.Context);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection, eventData.Context);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand CreateCommand(DbConnection connection, DbContext? context)
    {
        var tenant = (context as TenantDbContext)?.Tenant;
        var command = connection.CreateCommand();
        command.CommandText = $"SELECT set_config('{Setting}', @tenant, false), set_config('{ReadSetting}', @read, false)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "tenant";
        parameter.Value = tenant?.TenantId?.ToString() ?? "";
        command.Parameters.Add(parameter);
        var read = command.CreateParameter();
        read.ParameterName = "read";
        read.Value = string.Join(',', tenant?.ReadTenants ?? []);
        command.Parameters.Add(read);
        return command;
    }
}
