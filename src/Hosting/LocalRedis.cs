using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Hosting;

/// <summary>A Redis server run by DCP from the Debian package.</summary>
public sealed class LocalRedisResource(string name, string directory, ParameterResource password)
    : ExecutableResource(name, "/usr/bin/redis-server", directory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"127.0.0.1:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={PasswordParameter}");
}

public static class LocalRedisExtensions
{
    /// <summary>A Redis server as a local process; its password is in a file only its owner reads, never on a command line.</summary>
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name, LocalServerSettings settings)
    {
        Prerequisites.Require("redis-server", "/usr/bin/redis-server");
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        builder.AddResource(password);
        var port = Ports.Free();
        var directory = Path.Combine(settings.DataDirectory, name);
        var config = Path.Combine(directory, "redis.conf");
        var redis = new LocalRedisResource(name, directory, password);
        string? connectionString = null;
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis, async (_, ct) =>
        {
            PrivateFiles.CreateFolder(directory);
            var value = await password.GetValueAsync(ct) ?? "";
            connectionString = $"127.0.0.1:{port},password={value},abortConnect=false";
            await PrivateFiles.WriteAllTextAsync(config, $"requirepass \"{value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"\n", ct);
        });

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis(_ => connectionString ?? throw new InvalidOperationException($"{name} has not started yet."), healthCheck);
        return builder.AddResource(redis)
            .WithArgs(config, "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
                "--appendonly", settings.Durable ? "yes" : "no", "--save", "", "--daemonize", "no", "--loglevel", "warning")
            .WithEndpoint(port: port, targetPort: port, name: LocalRedisResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithIconName("Memory")
            .WithHealthCheck(healthCheck)
            .ExcludeFromManifest();
    }
}
