extern alias apphost;

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ArPlatform.ServiceDefaults;
using ArPlatform.Testing;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;

namespace ArPlatform.Workbench.Tests;

/// <summary>
/// The whole platform from the AppHost, seeded through the gateway as a firm would: three clients (tenants) with
/// accounts assigned to one collector, a collector holding two of them, a client viewer of one and a team lead of
/// all; and Debian's Chromium driven by Playwright. WORKBENCH_ACCOUNTS_PER_TENANT sets the accounts per tenant
/// (20 by default; 3334 for the performance figures).
/// </summary>
public sealed class WorkbenchPlatform : IAsyncLifetime
{
    public const string AdminSecret = "workbench-admin-secret-0123456789";
    public const string Password = "monsoon-ledger-42";
    public const string Collector = "priya.sharma@firm.in";
    public const string Viewer = "cfo@northagro.in";
    public const string Lead = "lead@firm.in";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "arplatform-wb-" + Guid.NewGuid().ToString("N")[..12]);
    private DistributedApplication? _app;
    private IPlaywright? _playwright;

    public HttpClient Gateway { get; } = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => Gateway.BaseAddress!;

    public static int AccountsPerTenant => int.TryParse(Environment.GetEnvironmentVariable("WORKBENCH_ACCOUNTS_PER_TENANT"), out var n) && n > 0 ? n : 20;

    /// <summary>North and South are the collector's, East is not.</summary>
    public Tenant North { get; private set; } = null!;

    public Tenant South { get; private set; } = null!;

    public Tenant East { get; private set; } = null!;

    /// <summary>The North account the tests work on: contacts at two levels, one overdue invoice.</summary>
    public Guid Bharat { get; private set; }

    public sealed record Tenant(Guid Id, string Name, string Token);

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<apphost::Projects.ArPlatform_AppHost>(
        [
            $"--Parameters:admin-client-secret={AdminSecret}", "--Parameters:test-clock=true", "--Gateway:RateLimit:PermitLimit=1000000",
            $"--AppHost:DataDirectory={_directory}", "--AppHost:Durable=false",
        ]);
        _app = await builder.BuildAsync();
        await AppStartup.StartHealthyAsync(_app, TimeSpan.FromMinutes(6), ResourceNames.Gateway, ResourceNames.Workbench);
        Gateway.BaseAddress = _app.GetEndpoint(ResourceNames.Gateway, "http");
        await SeedAsync();
        _playwright = await Playwright.CreateAsync();
        // Playwright's assertions retry until what they expect shows; five seconds by default, which a page that a loaded
        // two-core machine renders late can miss although it shows the right thing.
        Assertions.SetDefaultExpectTimeout(30_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser window of a 1366×768 laptop.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "en-IN",
            TimezoneId = "Asia/Kolkata",
        });
        return await context.NewPageAsync();
    }

    private async Task SeedAsync()
    {
        var admin = await ClientTokenAsync("platform-admin", AdminSecret);
        North = await TenantAsync(admin, "North Agro Ltd");
        South = await TenantAsync(admin, "South Steel Ltd");
        East = await TenantAsync(admin, "East Cement Ltd");
        await UserAsync(admin, Collector, "Priya Sharma", ["collector"], new[] { North.Id, South.Id });
        await UserAsync(admin, Viewer, "Anita Rao", ["client-viewer"], new[] { North.Id });
        await UserAsync(admin, Lead, "Vikram Iyer", ["team-lead"], "all");

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")).DateTime);
        foreach (var (tenant, prefix) in new[] { (North, "NA"), (South, "SS"), (East, "EC") })
        {
            await AccountsAsync(tenant, prefix, today);
        }

        var bharat = await JsonAsync(HttpMethod.Post, "/api/v1/customers", North.Token, new { code = "NA-BHARAT", name = "Bharat Traders", assignedCollector = Collector }, HttpStatusCode.Created);
        Bharat = Guid.Parse((string)bharat["id"]!);
        await JsonAsync(HttpMethod.Post, $"/api/v1/customers/{Bharat}/contacts", North.Token,
            new { name = "Ravi Kumar", role = "Accounts payable", escalationLevel = "L1", phone = "+91 98765 43210", email = "ravi@bharat.in", preferredChannel = "phone" }, HttpStatusCode.Created);
        await JsonAsync(HttpMethod.Post, $"/api/v1/customers/{Bharat}/contacts", North.Token,
            new { name = "Meera Joshi", role = "Finance controller", escalationLevel = "L2", phone = "+91 98111 22233", email = "meera@bharat.in", preferredChannel = "email" }, HttpStatusCode.Created);
        await JsonAsync(HttpMethod.Post, "/api/v1/invoices", North.Token, new
        {
            number = "BT-2026-118",
            customerId = Bharat,
            invoiceDate = today.AddDays(-75).ToString("yyyy-MM-dd"),
            dueDate = today.AddDays(-45).ToString("yyyy-MM-dd"),
            amount = 118000.50m,
            currency = "INR",
        }, HttpStatusCode.Created);
        foreach (var tenant in new[] { North, South, East })
        {
            var expected = AccountsPerTenant + (tenant == North ? 1 : 0);
            await WaitForAsync(tenant.Token, $"/api/v1/collections/worklist?collector={Uri.EscapeDataString(Collector)}&pageSize=1", w => (int)w["total"]! == expected, seconds: 600);
        }

        // Last month's client report, made on request and not mailed: what the client dashboard lists.
        await JsonAsync(HttpMethod.Post, "/api/v1/reports/periodic/runs", North.Token, new { email = false }, HttpStatusCode.Created);
    }

    private async Task<Tenant> TenantAsync(string admin, string name)
    {
        var code = name.Split(' ')[0].ToLowerInvariant() + Guid.NewGuid().ToString("N")[..4];
        var tenant = await JsonAsync(HttpMethod.Post, "/api/v1/tenants", admin, new { name, code }, HttpStatusCode.Created);
        var client = await JsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant["id"]}/clients", admin, new
        {
            name = "ERP connector",
            scopes = new[] { "customers.read", "customers.write", "invoices.read", "invoices.write", "collections.read", "collections.write", "collections.admin", "credits.approve", "reports.read", "reports.write" },
        }, HttpStatusCode.Created);
        return new Tenant(Guid.Parse((string)tenant["id"]!), name, await ClientTokenAsync((string)client["clientId"]!, (string)client["clientSecret"]!));
    }

    private async Task UserAsync(string admin, string email, string name, string[] roles, object tenants)
    {
        var created = await JsonAsync(HttpMethod.Post, "/api/v1/users", admin, new { email, name, roles, tenants }, HttpStatusCode.Created);
        var token = Uri.UnescapeDataString(new Uri((string)created["setPasswordUrl"]!).Query.Split("token=")[1]);
        using var set = await Gateway.PostAsync("/set-password", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["password"] = Password, ["confirmation"] = Password }));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
    }

    /// <summary>Customers by CSV import, one overdue invoice each by batch: what an ERP's first load looks like.</summary>
    private async Task AccountsAsync(Tenant tenant, string prefix, DateOnly today)
    {
        var csv = new StringBuilder("code,name,assignedCollector\n");
        for (var i = 1; i <= AccountsPerTenant; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}-{i:00000},{prefix} Dealer {i},{Collector}\n");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers/imports") { Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Token);
        using var response = await Gateway.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"customers import: {(int)response.StatusCode} {body}");
        await WaitForAsync(tenant.Token, $"/api/v1/customers/imports/{body["id"]}", j => (string?)j["status"] == "completed", seconds: 600);

        foreach (var chunk in Enumerable.Range(1, AccountsPerTenant).Chunk(2000))
        {
            await JsonAsync(HttpMethod.Post, "/api/v1/invoices/batch", tenant.Token, new
            {
                invoices = chunk.Select(i => new
                {
                    number = $"{prefix}-INV-{i:00000}",
                    customerCode = $"{prefix}-{i:00000}",
                    invoiceDate = today.AddDays(-30 - i % 150).ToString("yyyy-MM-dd"),
                    dueDate = today.AddDays(-(i % 150)).ToString("yyyy-MM-dd"),
                    amount = 5000m + i % 97 * 1500m,
                    currency = "INR",
                }),
            }, HttpStatusCode.OK);
        }
    }

    public async Task<string> ClientTokenAsync(string clientId, string secret)
    {
        using var response = await Gateway.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.IsSuccessStatusCode, $"token: {(int)response.StatusCode} {body}");
        return (string)body!["access_token"]!;
    }

    /// <summary>A person's access token as the workbench gets it (code + PKCE), to call the API directly.</summary>
    public async Task<string> StaffTokenAsync(string email)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = BaseAddress };
        var tokens = await StaffSignIn.TokensAsync(browser, new Uri(BaseAddress, "/app/signin-callback").ToString(), email, Password);
        return (string)tokens["access_token"]!;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null, Guid? tenantHeader = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (tenantHeader is { } t)
        {
            request.Headers.Add("X-Tenant", t.ToString());
        }

        if (method == HttpMethod.Post)
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        }

        return await Gateway.SendAsync(request);
    }

    public async Task<JsonObject> JsonAsync(HttpMethod method, string path, string token, object? body, HttpStatusCode expected, Guid? tenantHeader = null)
    {
        using var response = await SendAsync(method, path, token, body, tenantHeader);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text) is JsonObject o ? o : new JsonObject { ["items"] = JsonNode.Parse(text) };
    }

    public async Task<JsonObject> WaitForAsync(string token, string path, Func<JsonObject, bool> done, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var body = await JsonAsync(HttpMethod.Get, path, token, null, HttpStatusCode.OK);
            if (done(body))
            {
                return body;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} did not reach the expected state in {seconds} s: {body}");
            await Task.Delay(250);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
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
}
