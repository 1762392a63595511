using System.Globalization;
using System.Net;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ArPlatform.Workbench.Tests;

/// <summary>
/// The workbench in Chromium, through the gateway, as collectors and client finance teams use it: sign in through
/// Identity, the worklist across clients, an account, a call logged with a promise that the API then shows, sign-out;
/// a client viewer confined to its tenant and to reading; no tenant opened that the person does not hold. Each main
/// screen is checked with axe and photographed into docs/screenshots; page timings go to the test output.
/// </summary>
public sealed class WorkbenchBrowserTests(WorkbenchPlatform platform, ITestOutputHelper output) : IClassFixture<WorkbenchPlatform>
{
    private static readonly string Screenshots = Path.Combine(RepositoryRoot(), "docs", "screenshots");

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ArPlatform.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (ArPlatform.sln) is not above the test's folder.");
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/app/");
        await page.WaitForURLAsync("**/signin?**");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(WorkbenchPlatform.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The first page after the redirects (authorize, the callback, /app/): a worklist, or a client viewer's dashboard.
        await page.WaitForURLAsync(url => url.Contains("/app/worklist", StringComparison.Ordinal) || url.Contains("/app/client", StringComparison.Ordinal),
            new() { Timeout = 60_000 });
    }

    /// <summary>
    /// The document's timings in the browser: first contentful paint, largest contentful paint (the page's main
    /// content: the first meaningful paint), and the server's share (request sent to first byte, redirects included).
    /// </summary>
    private async Task TimingsAsync(IPage page, string what)
    {
        var json = await page.EvaluateAsync<string>("""
            () => new Promise(resolve => {
              const n = performance.getEntriesByType('navigation')[0];
              const report = lcp => {
                const fcp = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');
                resolve(JSON.stringify({ fcp: fcp ? fcp.startTime : -1, lcp, server: n.responseStart - n.requestStart, redirect: n.redirectEnd - n.redirectStart }));
              };
              let last = -1;
              new PerformanceObserver(list => { for (const e of list.getEntries()) last = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
              requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => report(last), 50)));
            })
            """);
        var t = JsonDocument.Parse(json).RootElement;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"timing {what}: first contentful paint {t.GetProperty("fcp").GetDouble():0} ms, largest contentful paint {t.GetProperty("lcp").GetDouble():0} ms, server {t.GetProperty("server").GetDouble() + Math.Max(0, t.GetProperty("redirect").GetDouble()):0} ms"));
    }

    /// <summary>Opens the page once to warm it (the first request of each page after start is compiled), then again, timed.</summary>
    private async Task TimedGotoAsync(IPage page, string url, string what)
    {
        await page.GotoAsync(url);
        await page.GotoAsync(url);
        await TimingsAsync(page, what);
    }

    private async Task AccessibleAsync(IPage page, string screen)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{screen}: " + string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = false });
    }

    [Fact]
    public async Task A_collector_signs_in_works_the_worklist_across_clients_logs_a_call_with_a_promise_the_API_shows_and_signs_out()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, WorkbenchPlatform.Collector);
        await TimedGotoAsync(page, "/app/worklist", "worklist (first page)");
        var rows = page.Locator("table.worklist tbody tr");
        Assert.Equal(25, await rows.CountAsync());
        var clients = await page.Locator("table.worklist tbody tr td:nth-child(3)").AllInnerTextsAsync();
        Assert.All(clients, c => Assert.Contains(c, new[] { platform.North.Name, platform.South.Name }));
        Assert.Contains(platform.South.Name, clients);
        Assert.Contains($"{2 * WorkbenchPlatform.AccountsPerTenant + 1} accounts", await page.Locator("caption").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("EC-", await page.Locator("table.worklist").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Matches(@"₹\d{1,2}(,\d\d)*,\d{3}\.\d\d", await rows.First.Locator("td.num").First.InnerTextAsync());
        await AccessibleAsync(page, "worklist");
        await ScreenshotAsync(page, "worklist");

        // The filters with the keyboard alone: choose South, submit with Enter.
        await page.GetByLabel("Client").FocusAsync();
        await page.GetByLabel("Client").SelectOptionAsync(new SelectOptionValue { Label = platform.South.Name });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**tenant={platform.South.Id}**");
        await TimingsAsync(page, "worklist (filtered)");
        Assert.All(await page.Locator("table.worklist tbody tr td:nth-child(3)").AllInnerTextsAsync(), c => Assert.Equal(platform.South.Name, c));

        await TimedGotoAsync(page, $"/app/tenants/{platform.North.Id}/accounts/{platform.Bharat}", "account");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bharat Traders");
        Assert.Contains("₹1,18,000.50", await page.Locator(".totals").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("tel:+919876543210", await page.Locator("a[href^='tel:']").First.GetAttributeAsync("href"));
        Assert.Equal("mailto:ravi@bharat.in", await page.Locator("a[href^='mailto:']").First.GetAttributeAsync("href"));
        Assert.Equal(1, await page.Locator("figure.chart svg[role=img]").CountAsync());
        await AccessibleAsync(page, "account");
        await ScreenshotAsync(page, "account");

        var promisedDate = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5.5)).AddDays(7);
        await page.GetByLabel("Disposition").SelectOptionAsync("promised");
        await page.GetByLabel("Notes").FillAsync("Ravi will pay after the month-end close.");
        await page.GetByLabel("Amount (₹)").First.FillAsync("50000");
        // Typed day first, as the workbench writes dates, whatever locale the browser has.
        await page.GetByLabel("By date").FillAsync(promisedDate.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Log the call" }).ClickAsync();
        await page.WaitForURLAsync("**logged=true**", new() { Timeout = 60_000 });
        await TimingsAsync(page, "log a call (post, redirect, account)");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"promise of ₹50,000.00 by {promisedDate.ToString("dd-MMM-yyyy", CultureInfo.InvariantCulture)}");
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("₹50,000.00 promised");

        // Half a promise (an amount, no date) is refused in words naming the field, and nothing is written.
        await page.GetByLabel("Amount (₹)").First.FillAsync("1000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log the call" }).ClickAsync();
        await Assertions.Expect(page.Locator(".log-call .problem")).ToContainTextAsync("Promised date");
        // A second call, timed warm: the interaction a collector repeats all day.
        await page.GotoAsync($"/app/tenants/{platform.North.Id}/accounts/{platform.Bharat}");
        await page.GetByLabel("Disposition").SelectOptionAsync("callback");
        await page.GetByLabel("Notes").FillAsync("Asked to call back on Monday.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log the call" }).ClickAsync();
        await page.WaitForURLAsync("**logged=true**", new() { Timeout = 60_000 });
        await TimingsAsync(page, "log a call again (post, redirect, account)");

        var promises = await platform.JsonAsync(HttpMethod.Get, $"/api/v1/collections/accounts/{platform.Bharat}/promises", platform.North.Token, null, HttpStatusCode.OK);
        var promise = Assert.Single(promises["items"]!.AsArray());
        Assert.Equal(50000m, (decimal)promise!["amount"]!);
        Assert.Equal(promisedDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (string?)promise["promisedDate"]);

        await TimedGotoAsync(page, "/app/today", "today");
        await AccessibleAsync(page, "today");
        await ScreenshotAsync(page, "today");

        // The session is kept on the server: the cookie carries only its key, whatever the tokens hold.
        var session = (await page.Context.CookiesAsync()).Where(c => c.Name.StartsWith("arp_workbench", StringComparison.Ordinal)).ToList();
        Assert.True(session.Sum(c => c.Value.Length) < 1000, $"the workbench cookies hold {session.Sum(c => c.Value.Length)} characters");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/app/signed-out");
        // A copy of the cookie taken before sign-out opens nothing afterwards.
        var replay = await platform.NewPageAsync();
        await replay.Context.AddCookiesAsync([.. session.Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path })]);
        await replay.GotoAsync("/app/worklist");
        await replay.WaitForURLAsync("**/signin?**");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You are signed out");
        await page.GotoAsync("/app/worklist");
        await page.WaitForURLAsync("**/signin?**");
    }

    [Fact]
    public async Task A_collector_cannot_open_a_client_they_do_not_hold_by_address_or_by_header()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, WorkbenchPlatform.Collector);
        var east = await platform.JsonAsync(HttpMethod.Get, "/api/v1/collections/worklist?pageSize=1", platform.East.Token, null, HttpStatusCode.OK);
        var eastAccount = (string)east["items"]![0]!["customerId"]!;
        var response = await page.GotoAsync($"/app/tenants/{platform.East.Id}/accounts/{eastAccount}");
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You do not work for this client");

        var token = await platform.StaffTokenAsync(WorkbenchPlatform.Collector);
        using var byHeader = await platform.SendAsync(HttpMethod.Get, $"/api/v1/collections/accounts/{eastAccount}", token, tenantHeader: platform.East.Id);
        Assert.Equal(HttpStatusCode.Forbidden, byHeader.StatusCode);
        using var held = await platform.SendAsync(HttpMethod.Get, $"/api/v1/collections/accounts/{platform.Bharat}", token, tenantHeader: platform.North.Id);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        // Held tenant named, other tenant's account: not found, as for any partner.
        using var crossed = await platform.SendAsync(HttpMethod.Get, $"/api/v1/collections/accounts/{eastAccount}", token, tenantHeader: platform.North.Id);
        Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);
    }

    [Fact]
    public async Task A_client_viewer_sees_only_its_own_client_and_cannot_log_anything()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, WorkbenchPlatform.Viewer);
        await page.WaitForURLAsync("**/app/client");
        await TimedGotoAsync(page, "/app/client", "client dashboard");
        // Its one client is named; there is no other to choose.
        Assert.Equal(0, await page.Locator("select[name=tenant]").CountAsync());
        await Assertions.Expect(page.Locator("p.client-name")).ToHaveTextAsync($"Client: {platform.North.Name}");
        await Assertions.Expect(page.Locator(".cards")).ToContainTextAsync("Collected this month");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new("^DSO by month: ") })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new("^Expected by week: ") })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new("^Plan against actual") })).ToBeVisibleAsync();
        var xlsx = page.GetByRole(AriaRole.Link, new() { Name = "XLSX" });
        await Assertions.Expect(xlsx).ToHaveCountAsync(1);
        var download = await page.Context.APIRequest.GetAsync(new Uri(new Uri(page.Url), await xlsx.GetAttributeAsync("href")).ToString());
        Assert.Equal((200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (download.Status, download.Headers["content-type"]));
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await download.BodyAsync())[..2]));
        await AccessibleAsync(page, "client dashboard");
        await ScreenshotAsync(page, "client-dashboard");

        await page.GotoAsync($"/app/tenants/{platform.North.Id}/accounts/{platform.Bharat}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Bharat Traders");
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Log the call" }).CountAsync());
        var other = await page.GotoAsync($"/app/tenants/{platform.South.Id}/accounts/{platform.Bharat}");
        Assert.Equal(403, other!.Status);

        var token = await platform.StaffTokenAsync(WorkbenchPlatform.Viewer);
        using var write = await platform.SendAsync(HttpMethod.Post, $"/api/v1/collections/accounts/{platform.Bharat}/activities", token,
            new { type = "note", notes = "a viewer writing" }, platform.North.Id);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        using var south = await platform.SendAsync(HttpMethod.Get, "/api/v1/collections/worklist", token, tenantHeader: platform.South.Id);
        Assert.Equal(HttpStatusCode.Forbidden, south.StatusCode);
    }

    [Fact]
    public async Task A_client_viewer_opens_its_most_overdue_account_from_the_dashboard_finds_another_by_name_and_can_only_read_them()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, WorkbenchPlatform.Viewer);
        await TimedGotoAsync(page, "/app/client", "client dashboard");
        var overdue = page.Locator("section[aria-labelledby=overdue-h] table tbody tr");
        await Assertions.Expect(overdue).ToHaveCountAsync(10);
        // Bharat's ₹1,18,000.50, 45 days overdue, is the most overdue of North's accounts.
        await Assertions.Expect(overdue.First).ToContainTextAsync("Bharat Traders");
        await Assertions.Expect(overdue.First).ToContainTextAsync("₹1,18,000.50");
        await overdue.First.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync($"**/app/tenants/{platform.North.Id}/accounts/{platform.Bharat}");
        await ReadOnlyAccountAsync(page, "Bharat Traders");

        // A search from the dashboard, by a word of the name: the account opens from the result, read only too.
        await page.GotoAsync("/app/client");
        await page.GetByLabel("Find a customer by name, code or GSTIN").FillAsync("dealer 7");
        await page.GetByLabel("Find a customer by name, code or GSTIN").PressAsync("Enter");
        await page.WaitForURLAsync("**/app/accounts?**search=dealer**");
        await AccessibleAsync(page, "accounts (search)");
        var found = page.Locator("table tbody tr");
        await Assertions.Expect(found).ToHaveCountAsync(1);
        await found.GetByRole(AriaRole.Link, new() { NameRegex = new("NA Dealer 7$") }).ClickAsync();
        await page.WaitForURLAsync($"**/app/tenants/{platform.North.Id}/accounts/**");
        await ReadOnlyAccountAsync(page, "NA Dealer 7");

        // Only its own client: no client to choose, and another client's id in the address still searches its own.
        await page.GotoAsync($"/app/accounts?tenant={platform.South.Id}&search=SS");
        Assert.Equal(0, await page.Locator("select[name=tenant]").CountAsync());
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("No customer matches");
        await page.GotoAsync($"/app/accounts?tenant={platform.South.Id}");
        Assert.All(await page.Locator("table tbody tr td:first-child").AllInnerTextsAsync(), a => Assert.StartsWith("NA-", a, StringComparison.Ordinal));
    }

    /// <summary>The account as a client viewer sees it: its figures, a note that it is read only, and no form or action.</summary>
    private async Task ReadOnlyAccountAsync(IPage page, string name)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator(".totals")).ToContainTextAsync("Overdue");
        await Assertions.Expect(page.Locator("p.readonly")).ToContainTextAsync("Read only");
        Assert.Equal(0, await page.Locator("main form").CountAsync());
        Assert.Equal(0, await page.Locator("main button").CountAsync());
        await AccessibleAsync(page, "account (read only)");
    }

    [Fact]
    public async Task A_team_lead_sees_each_collectors_load_the_strategies_and_a_template_rendered_for_a_real_account()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, WorkbenchPlatform.Lead);
        await TimedGotoAsync(page, $"/app/team?tenant={platform.North.Id}", "team");
        await Assertions.Expect(page.Locator("#load-h + .scroll table")).ToContainTextAsync(WorkbenchPlatform.Collector);
        await Assertions.Expect(page.Locator("#strategies-h ~ .scroll table").First).ToContainTextAsync("Day");
        // The built-in default's priority is Collections' sentinel (int.MinValue): said in words, never as the number.
        await Assertions.Expect(page.Locator("#strategies-h ~ .scroll caption").Last).ToContainTextAsync("tried last");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(int.MinValue.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("article[aria-label=Preview]")).ToContainTextAsync("Subject:");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new("^CEI by month: ") })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#changes-h")).ToBeVisibleAsync();
        await AccessibleAsync(page, "team");
        await ScreenshotAsync(page, "team");
    }

    /// <summary>A new window whose failed requests and error answers go to the test's output.</summary>
    private async Task<IPage> NewPageAsync()
    {
        var page = await platform.NewPageAsync();
        page.Response += (_, r) =>
        {
            if (r.Status >= 300)
            {
                output.WriteLine($"answer {r.Status} to {r.Request.Method} {r.Url} {r.Headers.GetValueOrDefault("location")}");
            }
        };
        page.RequestFailed += (_, r) => output.WriteLine($"failed {r.Method} {r.Url}: {r.Failure}");
        return page;
    }
}
