extern alias apphost;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.ServiceDefaults;
using ArPlatform.Testing;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace ArPlatform.EndToEnd.Tests;

/// <summary>
/// Starts the whole topology from the AppHost with Aspire.Hosting.Testing, as Aspire users do: its own servers with
/// data in a temporary folder, random proxied ports, no dashboard.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    public const string AdminSecret = "e2e-admin-secret-0123456789";
    public const int RateLimit = 400;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arplatform-e2e-" + Guid.NewGuid().ToString("N")[..12]);
    private DistributedApplication? _app;

    public HttpClient Gateway { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Gateway processes behind the gateway's endpoint (DCP's proxy spreads requests over them).</summary>
    public int GatewayReplicaCount { get; private set; }

    public DistributedApplication App => _app!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<apphost::Projects.ArPlatform_AppHost>(
            [.. Arguments(), $"--AppHost:DataDirectory={_directory}", "--AppHost:Durable=false"]);
        _app = await builder.BuildAsync();
        await AppStartup.StartHealthyAsync(_app, TimeSpan.FromMinutes(6), ResourceNames.Gateway);
        Gateway.BaseAddress = _app.GetEndpoint(ResourceNames.Gateway, "http");
        GatewayReplicaCount = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.Gateway).GetReplicaCount();
    }

    /// <summary>The AppHost's parameters every test platform has.</summary>
    protected static readonly string[] Parameters = [$"--Parameters:admin-client-secret={AdminSecret}", "--Parameters:test-clock=true"];

    /// <summary>The AppHost's arguments: its parameters and settings.</summary>
    protected virtual IEnumerable<string> Arguments() =>
    [
        .. Parameters,
        $"--Gateway:RateLimit:PermitLimit={RateLimit}",
        // Two gateways sharing rate-limit counters in Redis, two invoices relays sharing the outbox and two
        // reporting consumers competing on the same queue.
        "--Replicas:gateway=2",
        "--Replicas:invoices=2",
        "--Replicas:reporting=2",
    ];

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing its files: the temporary folder goes with the machine.
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

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null, string? rawJson = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
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

    /// <summary>GETs a list answered as a JSON array.</summary>
    public async Task<JsonArray> JsonArrayAsync(string path, string token)
    {
        using var response = await SendAsync(HttpMethod.Get, path, token, null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsArray();
    }

    /// <summary>A new tenant with one client holding <paramref name="scopes"/>, and that client's token.</summary>
    public async Task<(string Token, (string Id, string Secret) Client, string TenantId)> NewTenantAsync(string adminToken, string codePrefix, string[] scopes)
    {
        var code = $"{codePrefix}-{Guid.NewGuid().ToString("N")[..6]}";
        var tenant = await JsonAsync(HttpMethod.Post, "/api/v1/tenants", adminToken, new { name = $"Tenant {code}", code }, System.Net.HttpStatusCode.Created);
        Assert.Equal(code, (string?)tenant["code"]);
        var client = await JsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant["id"]}/clients", adminToken,
            new { name = "ERP connector", scopes }, System.Net.HttpStatusCode.Created);
        var (id, secret) = ((string)client["clientId"]!, (string)client["clientSecret"]!);
        return (await TokenAsync(id, secret), (id, secret), (string)tenant["id"]!);
    }

    /// <summary>
    /// GETs <paramref name="path"/> until <paramref name="done"/> holds, failing with the last answer after <paramref name="seconds"/>.
    /// Twice a second: a wait of minutes on a slow machine stays well inside the caller's rate limit (<see cref="RateLimit"/> a minute).
    /// </summary>
    public async Task<JsonObject> WaitForAsync(string token, string path, Func<JsonObject, bool> done, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var body = await JsonAsync(HttpMethod.Get, path, token, null, System.Net.HttpStatusCode.OK);
            if (done(body))
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} did not reach the expected state in {seconds} s: {body}");
            await Task.Delay(500);
        }
    }
}
