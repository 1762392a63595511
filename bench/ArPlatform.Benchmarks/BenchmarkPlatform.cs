using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace ArPlatform.Benchmarks;

/// <summary>The whole topology from the AppHost's definition on private servers, with a tenant and a client to call it as.</summary>
public sealed class BenchmarkPlatform : IAsyncDisposable
{
    private const string AdminSecret = "benchmark-admin-secret-0123456789";
    private readonly DistributedApplication _app;

    private readonly string _dataDirectory;

    private BenchmarkPlatform(DistributedApplication app, HttpClient gateway, string dataDirectory)
    {
        _app = app;
        Gateway = gateway;
        _dataDirectory = dataDirectory;
    }

    public HttpClient Gateway { get; }

    public string AdminConnectionString(string database) =>
        _app.GetConnectionStringAsync(database).AsTask().GetAwaiter().GetResult() ?? throw new InvalidOperationException($"No connection string for {database}.");

    /// <summary>A service's own address, to tell its time from the gateway's.</summary>
    public Uri ServiceEndpoint(string service) => _app.GetEndpoint(service, "http");

    public static async Task<BenchmarkPlatform> StartAsync(string? mailRelay = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "arplatform-test-" + Guid.NewGuid().ToString("N")[..12]);
        // "accepted and durable" means it: fsync, synchronous commit and full-page writes as in production.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ArPlatform_AppHost>(
        [
            $"--Parameters:admin-client-secret={AdminSecret}",
            "--Gateway:RateLimit:PermitLimit=100000000",
            $"--AppHost:DataDirectory={dataDirectory}",
            "--AppHost:Durable=true",
            .. mailRelay is null ? Array.Empty<string>() : [$"--ConnectionStrings:mail={mailRelay}"],
        ]);
        var app = await builder.BuildAsync();
        Console.WriteLine("Starting the platform (PostgreSQL, RabbitMQ, Redis and every service)...");
        await app.StartAsync();
        await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway");
        return new BenchmarkPlatform(app, new HttpClient { BaseAddress = app.GetEndpoint("gateway", "http"), Timeout = TimeSpan.FromMinutes(5) }, dataDirectory);
    }

    /// <summary>A new tenant and an access token of a client holding every tenant scope.</summary>
    public async Task<string> NewTenantTokenAsync() => (await NewTenantAsync()).Token;

    /// <summary>A new tenant, its id, and an access token of a client holding every tenant scope.</summary>
    public async Task<(string Token, Guid TenantId)> NewTenantAsync()
    {
        var admin = await TokenAsync("platform-admin", AdminSecret);
        var code = $"bench-{Guid.NewGuid().ToString("N")[..6]}";
        var tenant = await JsonAsync(HttpMethod.Post, "/api/v1/tenants", admin, new { name = $"Benchmark {code}", code });
        var client = await JsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant["id"]}/clients", admin, new
        {
            name = "benchmark",
            scopes = new[] { "customers.read", "customers.write", "invoices.read", "invoices.write", "reports.read", "reports.write", "collections.read", "collections.write" },
        });
        return (await TokenAsync((string)client["clientId"]!, (string)client["clientSecret"]!), (Guid)tenant["id"]!);
    }

    public Task<string> AdminTokenAsync() => TokenAsync("platform-admin", AdminSecret);

    public async Task<JsonObject> JsonAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Gateway.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        }

        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<string> TokenAsync(string clientId, string secret)
    {
        using var response = await Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
    }

    /// <summary>Copies every resource's log out of the data folder (which disposing deletes); returns where they went.</summary>
    public string KeepLogs()
    {
        var target = Path.Combine(Path.GetTempPath(), $"arplatform-bench-logs-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(target);
        var logs = Path.Combine(_dataDirectory, "logs");
        foreach (var log in Directory.Exists(logs) ? Directory.EnumerateFiles(logs) : [])
        {
            File.Copy(log, Path.Combine(target, Path.GetFileName(log)));
        }

        return target;
    }

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        await _app.DisposeAsync();
    }
}
