using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArPlatform.Testing;

/// <summary>A generic host configured like a service (connection strings by resource name), for integration tests.</summary>
public static class ServiceHost
{
    public static async Task<IHost> StartAsync(IDictionary<string, string?> connectionStrings, Action<HostApplicationBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(connectionStrings.ToDictionary(c => $"ConnectionStrings:{c.Key}", c => c.Value));
        builder.Services.AddSingleton(TimeProvider.System);
        configure(builder);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing after <paramref name="seconds"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached within {seconds} s: {what}");
            }

            await Task.Delay(100);
        }
    }
}
