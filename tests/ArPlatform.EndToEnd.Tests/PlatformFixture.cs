using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.AppHost;
using ArPlatform.Hosting;

namespace ArPlatform.EndToEnd.Tests;

/// <summary>Starts the whole topology from the AppHost's own definition, on private servers and free ports.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string AdminSecret = "e2e-admin-secret-0123456789";
    public const int RateLimit = 400;

    private DistributedApplication? _app;

    public HttpClient Gateway { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationBuilder.CreateForTesting(new Dictionary<string, string?>
        {
            ["Parameters:admin-client-secret"] = AdminSecret,
            ["Gateway:Port"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:RateLimit:PermitLimit"] = RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Two gateways sharing rate-limit counters in Redis, two invoices relays sharing the outbox and two
            // reporting consumers competing on the same queue.
            ["Replicas:gateway"] = "2",
            ["Replicas:invoices"] = "2",
            ["Replicas:reporting"] = "2",
        });
        Topology.Define(builder);
        _app = builder.Build();
        _app.ConsoleOutput = false;
        await _app.StartAsync();
        Gateway.BaseAddress = _app.GetEndpoint("gateway");
        GatewayReplicas = [.. _app.Resource<ProjectResource>("gateway").Urls.Select(u => new Uri(u))];
    }

    /// <summary>Every gateway process; the first is <see cref="Gateway"/>.</summary>
    public IReadOnlyList<Uri> GatewayReplicas { get; private set; } = [];

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    public async Task<string> TokenAsync(string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var response = await Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.IsSuccessStatusCode, $"token request failed: {(int)response.StatusCode} {body}");
        Assert.Equal("Bearer", (string?)body!["token_type"]);
        Assert.True((int)body["expires_in"]! > 0);
        return (string)body["access_token"]!;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null, string? rawJson = null, Uri? replica = null)
    {
        using var request = new HttpRequestMessage(method, replica is null ? new Uri(path, UriKind.Relative) : new Uri(replica, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        else if (rawJson is not null)
        {
            request.Content = new StringContent(rawJson, System.Text.Encoding.UTF8, "application/json");
        }

        return await Gateway.SendAsync(request);
    }

    public async Task<JsonObject> JsonAsync(HttpMethod method, string path, string? token, object? body, System.Net.HttpStatusCode expected)
    {
        using var response = await SendAsync(method, path, token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
