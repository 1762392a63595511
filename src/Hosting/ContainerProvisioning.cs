using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ArPlatform.Hosting;

/// <summary>
/// Where the servers run as Aspire's containers (a container engine here): a database is healthy once its owner and
/// application roles are provisioned (<see cref="DatabaseRoles"/>), once per AppHost run (<c>provisioned</c>, shared by
/// the checks of one database), as the container's superuser.
/// </summary>
public sealed class DatabaseRolesHealthCheck(
    PostgresServerResource server, string database, ParameterResource ownerPassword, ParameterResource appPassword, StrongBox<bool> provisioned)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref provisioned.Value))
        {
            return HealthCheckResult.Healthy();
        }

        try
        {
            var superuser = await server.ConnectionStringExpression.GetValueAsync(cancellationToken) ?? "";
            var maintenance = new NpgsqlConnectionStringBuilder(superuser) { Database = "postgres", Pooling = false, Timeout = 5 }.ConnectionString;
            await using var connection = new NpgsqlConnection(maintenance);
            await connection.OpenAsync(cancellationToken);
            await DatabaseRoles.CloseMaintenanceDatabasesAsync(connection, cancellationToken);
            await DatabaseRoles.ProvisionAsync(connection, maintenance, database,
                await ownerPassword.GetValueAsync(cancellationToken) ?? "", await appPassword.GetValueAsync(cancellationToken) ?? "", cancellationToken);
            Volatile.Write(ref provisioned.Value, true);

            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or IOException)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}

/// <summary>
/// Where RabbitMQ runs as Aspire's container: healthy once every service's own user is put through the management
/// API, with its permissions on the default virtual host.
/// </summary>
public sealed class BrokerUsersHealthCheck(RabbitMQServerResource broker, IReadOnlyList<ServiceMessaging> users) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(broker.ManagementEndpoint.Url), Timeout = TimeSpan.FromSeconds(10) };
            var admin = broker.UserNameParameter is { } name ? await name.GetValueAsync(cancellationToken) : "guest";
            var credentials = $"{admin}:{await broker.PasswordParameter.GetValueAsync(cancellationToken)}";
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
            foreach (var user in users)
            {
                await LocalRabbitMQExtensions.PutUserAsync(http, user.User, await user.Password.GetValueAsync(cancellationToken) ?? "", "/", user.Permissions, cancellationToken);
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
