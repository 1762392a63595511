using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ArPlatform.Collections.Messages;
using ArPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.Collections.Tests;

/// <summary>Dunning's messages through a real SMTP server (smtp4dev): each arrives once under its own Message-Id, also when the server was down for a while.</summary>
public sealed partial class MessageDeliveryTests(InfrastructureFixture infrastructure, MailFixture mail)
    : IClassFixture<InfrastructureFixture>, IClassFixture<MailFixture>, IAsyncLifetime
{
    private CollectionsService _c = null!;

    public async Task InitializeAsync() =>
        _c = await CollectionsService.StartAsync(infrastructure, new Dictionary<string, string> { ["mail"] = mail.ConnectionString });

    public async Task DisposeAsync() => await _c.DisposeAsync();

    [GeneratedRegex(@"^Message-ID:\s*<([^>]+)>", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdHeader();

    private async Task<List<string>> MessageIdsToAsync(string domain) =>
        [.. (await mail.MessagesAsync()).Where(m => m.Summary["to"]!.ToJsonString().Contains(domain, StringComparison.Ordinal))
            .Select(m => MessageIdHeader().Match(m.Source).Groups[1].Value)];

    private async Task<JsonArray> MessagesAsync(string? status = null) =>
        (await _c.Client.GetFromJsonAsync<JsonObject>($"/api/v1/collections/messages?pageSize=500{(status is null ? "" : $"&status={status}")}"))!["items"]!.AsArray();

    [Fact]
    public async Task A_reminder_and_a_letter_reach_the_server_once_each_under_their_own_message_id_and_the_letter_is_a_pdf()
    {
        var customer = await _c.CustomerAsync("MAIL", contacts: [("L1", "Ravi", "ravi@mail-once.in"), ("L2", "Meera", "meera@mail-once.in")]);
        await _c.InvoiceAsync(customer, "ML-1", _c.Today.AddDays(-1), 118000.50m);
        await _c.RunAsync(_c.Today);
        await _c.InvoiceAsync(customer, "ML-2", _c.Today.AddDays(-15), 2000m);
        await _c.RunAsync(_c.Today.AddDays(1));

        await ServiceHost.EventuallyAsync(async () => (await MessagesAsync("sent")).Count == 2, "both messages sent");
        // The server answers before its inbox shows a message: what it took is read back once it shows.
        await ServiceHost.EventuallyAsync(async () => (await MessageIdsToAsync("mail-once.in")).Count >= 2, "both messages in the inbox");
        var ids = await MessageIdsToAsync("mail-once.in");
        var ours = (await MessagesAsync()).Select(m => $"{((string)m!["id"]!).Replace("-", "", StringComparison.Ordinal)}@collections.arplatform").ToHashSet();
        Assert.Equal(2, ids.Count);
        Assert.True(ours.SetEquals(ids), $"server saw {string.Join(", ", ids)}; sent {string.Join(", ", ours)}");
        var letter = (await MessagesAsync()).Single(m => (string?)m!["channel"] == "letter")!;
        Assert.Equal("meera@mail-once.in", (string?)letter["toAddress"]);
        using var pdf = await _c.Client.GetAsync($"/api/v1/collections/messages/{letter["id"]}/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..5]);
        var source = (await mail.MessagesAsync()).Single(m => m.Summary["to"]!.ToJsonString().Contains("meera@mail-once.in", StringComparison.Ordinal)).Source;
        Assert.Contains("application/pdf", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_queued_while_the_server_is_down_arrive_once_each_when_it_is_back()
    {
        var customers = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var customer = await _c.CustomerAsync($"DOWN{i}", contacts: [("L1", "Asha", $"asha{i}@server-down.in")]);
            await _c.InvoiceAsync(customer, $"DN-{i}", _c.Today.AddDays(-1), 1000m * (i + 1));
            customers.Add(customer);
        }

        await mail.StopAsync();
        await _c.RunAsync(_c.Today);
        await ServiceHost.EventuallyAsync(async () => (await MessagesAsync("queued")).Count(m => (int)m!["attempts"]! >= 1 && m["lastError"] is not null) == 5,
            "every message tried and still queued while the server is down");
        Assert.Empty(await MessagesAsync("sent"));

        await mail.StartAsync();
        _c.Clock.Advance(TimeSpan.FromMinutes(10));
        await ServiceHost.EventuallyAsync(async () => (await MessagesAsync("sent")).Count == 5, "every message sent once the server is back");
        _c.Clock.Advance(TimeSpan.FromMinutes(10));
        await ServiceHost.EventuallyAsync(async () => (await MessageIdsToAsync("server-down.in")).Count >= 5, "every message in the inbox");
        await Task.Delay(TimeSpan.FromSeconds(5));

        var ids = await MessageIdsToAsync("server-down.in");
        Assert.Equal(5, ids.Count);
        Assert.Equal(5, ids.Distinct().Count());
    }

    [Fact]
    public async Task Many_messages_sent_over_parallel_connections_while_other_dispatchers_claim_arrive_once_each()
    {
        const int Count = 40;
        for (var i = 0; i < Count; i++)
        {
            var customer = await _c.CustomerAsync($"PAR{i}", contacts: [("L1", "Kiran", $"kiran{i}@parallel-send.in"), ("L2", "Usha", $"usha{i}@parallel-send.in")]);
            // Half reminders, half letters emailed with their PDF.
            await _c.InvoiceAsync(customer, $"PS-{i}", _c.Today.AddDays(i % 2 == 0 ? -1 : -15), 1000m + i);
        }

        await _c.RunAsync(_c.Today);
        var dispatcher = _c.Service.Services.GetRequiredService<MessageDispatcher>();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => dispatcher.DispatchAsync(CancellationToken.None))));
        await ServiceHost.EventuallyAsync(async () => (await MessagesAsync("sent")).Count == Count, "every message sent");
        await ServiceHost.EventuallyAsync(async () => (await MessageIdsToAsync("parallel-send.in")).Count >= Count, "every message in the inbox");

        var ids = await MessageIdsToAsync("parallel-send.in");
        var ours = (await MessagesAsync()).Select(m => $"{((string)m!["id"]!).Replace("-", "", StringComparison.Ordinal)}@collections.arplatform").ToHashSet();
        Assert.Equal(Count, ids.Count);
        Assert.True(ours.SetEquals(ids), "the server saw each message once under its own id");
        Assert.Equal(Count / 2, (await MessagesAsync("sent")).Count(m => (string?)m!["channel"] == "letter"));
    }
}
