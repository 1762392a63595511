using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArPlatform.Testing;

namespace ArPlatform.Invoices.Tests;

/// <summary>Idempotency-Key replays over HTTP: one resource however its path is spelled, one answer per caller.</summary>
public sealed class IdempotencyKeyTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenant = Guid.CreateVersion7();
    private readonly Guid _customer = Guid.CreateVersion7();
    private ServiceUnderTest<Program>? _service;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "invoicesdb");
        _client = _service.ClientFor(TestTokens.Issue(_tenant, "invoices.read", "invoices.write", "credits.approve"));
        await KnownCustomers.RegisterAsync(_service.Services, _tenant, _customer, "CUST-IDEM");
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_key_replayed_on_another_spelling_of_the_path_records_one_payment_and_another_client_keeps_its_own()
    {
        var invoice = await _client.PostAsJsonAsync("/api/v1/invoices", new
        {
            number = "IDEM-1",
            customerId = _customer,
            invoiceDate = "2026-09-01",
            dueDate = "2026-10-01",
            amount = 1000m,
            currency = "INR",
        });
        Assert.Equal(HttpStatusCode.Created, invoice.StatusCode);
        var invoiceId = (string)(await invoice.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var key = Guid.NewGuid().ToString();
        var body = new { customerId = _customer, amount = 100m, receivedOn = "2026-09-15", mode = "NEFT", reference = "UTR-IDEM" };

        var answers = new List<(HttpStatusCode Status, string Body, bool Replayed)>();
        foreach (var path in new[] { "/api/v1/payments", "/api/v1/payments/", "/API/v1/Payments" })
        {
            answers.Add(await PostAsync(_client, path, key, body));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.All(answers, a => Assert.Equal(answers[0].Body, a.Body));
        Assert.Equal([false, true, true], answers.Select(a => a.Replayed));
        Assert.Equal(900m, await OpenAmountAsync(invoiceId));

        // Another API client of the same tenant that happens to pick the same key has its own request.
        using var other = _service!.ClientFor(TestTokens.IssueForClient(_tenant, "other-client", "invoices.read", "invoices.write"));
        var theirs = await PostAsync(other, "/api/v1/payments", key, body);
        Assert.Equal(HttpStatusCode.Created, theirs.Status);
        Assert.False(theirs.Replayed);
        Assert.NotEqual(
            (string?)JsonNode.Parse(answers[0].Body)!["id"],
            (string?)JsonNode.Parse(theirs.Body)!["id"]);
        Assert.Equal(800m, await OpenAmountAsync(invoiceId));
    }

    private static async Task<(HttpStatusCode Status, string Body, bool Replayed)> PostAsync(HttpClient client, string path, string key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Contains("Idempotent-Replayed"));
    }

    private async Task<decimal> OpenAmountAsync(string invoiceId) =>
        (decimal)(await _client.GetFromJsonAsync<JsonObject>($"/api/v1/invoices/{invoiceId}"))!["openAmount"]!;
}
