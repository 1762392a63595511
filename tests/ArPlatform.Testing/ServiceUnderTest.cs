using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ArPlatform.Testing;

/// <summary>
/// One service in process, on its own fresh database and virtual host of the real servers, trusting
/// <see cref="TestTokens"/> instead of fetching the identity service's keys. Everything else is as in production.
/// </summary>
public sealed class ServiceUnderTest<TProgram>(
    IReadOnlyDictionary<string, string> connectionStrings, IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<TProgram>
    where TProgram : class
{
    public static async Task<ServiceUnderTest<TProgram>> StartAsync(
        InfrastructureFixture infrastructure, string databaseName, IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string>? connectionStrings = null)
    {
        // The service migrates as its database's owner role and runs as its application role (ADR 0026); the broker
        // user is the virtual host's administrator, as the tests publish other services' events onto its bus.
        var database = await infrastructure.NewServiceDatabaseAsync(databaseName);
        var connections = new Dictionary<string, string>(connectionStrings ?? new Dictionary<string, string>())
        {
            [databaseName] = database.App,
            [$"{databaseName}-migrations"] = database.Owner,
            ["messaging"] = await infrastructure.NewVirtualHostAsync(),
            ["cache"] = infrastructure.Redis.GetConnectionString(),
        };
        var service = new ServiceUnderTest<TProgram>(connections, settings ?? new Dictionary<string, string>(), services) { Database = database };
        _ = service.Server; // starts the host: migrations, provisioning, the bus
        return service;
    }

    /// <summary>The service's database; its <see cref="TestDatabase.Admin"/> lets a test look under row-level security.</summary>
    public TestDatabase Database { get; private init; } = new("", "", "");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (name, value) in connectionStrings)
        {
            builder.UseSetting($"ConnectionStrings:{name}", value);
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (services is { } replace)
        {
            builder.ConfigureTestServices(replace);
        }

        builder.ConfigureTestServices(services =>
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                options.MetadataAddress = null!;
                options.Configuration = new OpenIdConnectConfiguration();
                // The test key is trusted besides whatever keys the service itself resolves (Identity: its own key).
                var own = options.TokenValidationParameters.IssuerSigningKeyResolver;
                options.TokenValidationParameters.IssuerSigningKeyResolver = (token, securityToken, kid, parameters) =>
                    [.. own?.Invoke(token, securityToken, kid, parameters) ?? [], TestTokens.Key];
            }));
    }

    public HttpClient ClientFor(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
