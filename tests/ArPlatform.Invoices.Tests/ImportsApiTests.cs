using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ArPlatform.Testing;

namespace ArPlatform.Invoices.Tests;

/// <summary>CSV imports as background jobs against real PostgreSQL: progress, per-line errors, replays, tenancy.</summary>
public sealed class ImportsApiTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenant = Guid.CreateVersion7();
    private ServiceUnderTest<Program>? _service;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "invoicesdb");
        _client = _service.ClientFor(TestTokens.Issue(_tenant, "invoices.read", "invoices.write", "credits.approve"));
        await KnownCustomers.RegisterAsync(_service.Services, _tenant, Guid.CreateVersion7(), "IMP-1");
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_invoice_CSV_is_imported_in_the_background_with_errors_by_line_and_a_second_upload_creates_nothing()
    {
        var csv = new StringBuilder("number,customerCode,invoiceDate,dueDate,amount,dealerCode\n");
        for (var i = 1; i <= 6000; i++)
        {
            csv.Append(CultureInfo($"CSV-{i},IMP-1,2026-09-01,2026-10-01,{i}.50,D-{i % 3}\n"));
        }

        csv.Append("CSV-BAD-DATE,IMP-1,01/09/2026,2026-10-01,10,\n");      // line 6002
        csv.Append("CSV-NO-CUSTOMER,NOBODY,2026-09-01,2026-10-01,10,\n");  // line 6003
        csv.Append("\"CSV-QUOTED, WITH COMMA\",IMP-1,2026-09-01,2026-10-01,-4,\n"); // line 6004

        var job = await UploadAsync("invoices", csv.ToString());
        Assert.Equal(6003, (int)job["totalRows"]!);
        var done = await WaitAsync("invoices", (string)job["id"]!);
        Assert.Equal(("completed", 6003, 6000, 0, 3), ((string)done["status"]!, (int)done["rowsDone"]!, (int)done["created"]!, (int)done["duplicates"]!, (int)done["rejected"]!));
        var errors = done["errors"]!.AsArray();
        Assert.Equal([6002, 6003, 6004], errors.Select(e => (int)e!["line"]!));
        Assert.Equal("invoicedate", (string?)errors[0]!["field"]);
        Assert.Contains("yyyy-MM-dd", (string?)errors[0]!["message"]);
        Assert.Equal("customerCode", (string?)errors[1]!["field"]);
        Assert.Equal("amount", (string?)errors[2]!["field"]);
        Assert.Equal(6000, (int)(await _client.GetFromJsonAsync<JsonObject>("/api/v1/invoices?pageSize=1"))!["total"]!);

        var again = await WaitAsync("invoices", (string)(await UploadAsync("invoices", csv.ToString()))["id"]!);
        Assert.Equal((0, 6000, 3), ((int)again["created"]!, (int)again["duplicates"]!, (int)again["rejected"]!));
        Assert.Equal(6000, (int)(await _client.GetFromJsonAsync<JsonObject>("/api/v1/invoices?pageSize=1"))!["total"]!);

        var other = _service!.ClientFor(TestTokens.Issue(Guid.CreateVersion7(), "invoices.read"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/invoices/imports/{job["id"]}")).StatusCode);
    }

    [Fact]
    public async Task A_payment_CSV_applies_each_payment_and_a_replayed_file_is_all_duplicates()
    {
        var invoice = await _client.PostAsJsonAsync("/api/v1/invoices", new { number = "PI-1", customerCode = "IMP-1", invoiceDate = "2026-09-01", dueDate = "2026-10-01", amount = 1000m, currency = "INR" });
        invoice.EnsureSuccessStatusCode();
        const string csv = """
            customerCode,amount,receivedOn,mode,reference,tdsAmount,tdsSection,allocations
            IMP-1,590,2026-10-05,neft,UTR-1,10,194C,PI-1:600
            IMP-1,100,2026-10-06,UPI,UPI-2,,,
            IMP-1,50,2026-10-07,BITCOIN,X-3,,,
            IMP-1,50,2026-10-07,UPI,X-4,,,PI-1
            """;
        var done = await WaitAsync("payments", (string)(await UploadAsync("payments", csv))["id"]!);
        Assert.Equal(("completed", 4, 2, 2), ((string)done["status"]!, (int)done["rowsDone"]!, (int)done["created"]!, (int)done["rejected"]!));
        Assert.Equal([(4, "mode"), (5, "allocations")], done["errors"]!.AsArray().Select(e => ((int)e!["line"]!, (string)e["field"]!)));
        var list = await _client.GetFromJsonAsync<JsonObject>("/api/v1/invoices");
        Assert.Equal(300m, (decimal)list!["items"]![0]!["openAmount"]!); // 600 (590 cash + 10 TDS) then 100

        var replay = await WaitAsync("payments", (string)(await UploadAsync("payments", csv))["id"]!);
        Assert.Equal((0, 2, 2), ((int)replay["created"]!, (int)replay["duplicates"]!, (int)replay["rejected"]!));

        var notCsv = await _client.PostAsJsonAsync("/api/v1/payments/imports", new { rows = 1 });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notCsv.StatusCode);
        Assert.Contains("text/csv", await notCsv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Rows_with_broken_quoting_or_another_number_of_fields_are_reported_by_line_and_every_other_row_is_imported()
    {
        const string csv = "number,customerCode,invoiceDate,dueDate,amount\n"
            + "Q-1,IMP-1,2026-09-01,2026-10-01,100\n"                        // line 2
            + "Q-2,IMP-1,2026-09-01,2026-10-01,100,EXTRA\n"                  // line 3: one field too many
            + "\"Q-3,IMP-1,2026-09-01,2026-10-01,100\n"                       // line 4: a quote left open
            + "Q-4,IMP-1,2026-09-01,2026-10-01,100\n"                        // line 5: not swallowed by line 4
            + "\"Q-5 \"\"quoted\"\"\",IMP-1,2026-09-01,2026-10-01,100\n"      // line 6: quotes done right
            + "Q-6,IMP-1,2026-09-01\n"                                       // line 7: too few fields
            + "\n"                                                           // line 8: blank, not a row
            + "Q-\"7\",IMP-1,2026-09-01,2026-10-01,100\r\n"                   // line 9: a quote inside an unquoted value
            + "Q-8,NOBODY,2026-09-01,2026-10-01,100\r"                       // line 10: no such customer
            + "Q-9,IMP-1,2026-09-01,2026-10-01,100";                         // line 11: no line break at the end

        var job = await UploadAsync("invoices", csv);
        Assert.Equal(9, (int)job["totalRows"]!);
        var done = await WaitAsync("invoices", (string)job["id"]!);
        Assert.Equal(("completed", 9, 9, 100.0, 4, 5), ((string)done["status"]!, (int)done["rowsDone"]!, (int)done["totalRows"]!, (double)done["percentDone"]!,
            (int)done["created"]!, (int)done["rejected"]!));
        var errors = done["errors"]!.AsArray();
        Assert.Equal([(3, "row"), (4, "number"), (7, "row"), (9, "number"), (10, "customerCode")], errors.Select(e => ((int)e!["line"]!, (string)e["field"]!)));
        Assert.Contains("6 fields where the header has 5", (string?)errors[0]!["message"]);
        Assert.Contains("broken quote", (string?)errors[1]!["message"]);
        Assert.Contains("'NOBODY' is not the code of a customer of this tenant", (string?)errors[4]!["message"]);
        Assert.DoesNotContain("retry", (string?)errors[4]!["message"], StringComparison.OrdinalIgnoreCase);
        var numbers = (await _client.GetFromJsonAsync<JsonObject>("/api/v1/invoices"))!["items"]!.AsArray().Select(i => (string)i!["number"]!).Order();
        Assert.Equal(["Q-1", "Q-4", "Q-5 \"quoted\"", "Q-9"], numbers);
    }

    [Fact]
    public async Task A_file_that_is_not_a_CSV_of_this_kind_is_refused_at_upload_and_nothing_is_imported()
    {
        async Task<(string Field, string Message)> RefusedAsync(byte[] body, string query = "")
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            var response = await _client.PostAsync($"/api/v1/invoices/imports{query}", content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
            var error = JsonNode.Parse(text)!["errors"]!.AsObject().Single();
            return (error.Key, (string)error.Value![0]!);
        }

        const string row = "X-1,IMP-1,2026-09-01,2026-10-01,10\n";
        var unknown = await RefusedAsync(Encoding.UTF8.GetBytes("nmber,customerCode,invoiceDate,dueDate,amount\n" + row));
        Assert.Equal("body", unknown.Field);
        Assert.Contains("unknown column 'nmber'", unknown.Message);
        Assert.Contains("number, customerCode", unknown.Message);
        Assert.Contains("no column amount", (await RefusedAsync(Encoding.UTF8.GetBytes("number,customerCode,invoiceDate,dueDate\nX-1,IMP-1,2026-09-01,2026-10-01\n"))).Message);
        Assert.Contains("no column customerCode or customerId", (await RefusedAsync(Encoding.UTF8.GetBytes("number,invoiceDate,amount\nX-1,2026-09-01,10\n"))).Message);
        Assert.Contains("twice", (await RefusedAsync(Encoding.UTF8.GetBytes("number,customerCode,invoiceDate,Amount,amount\n"))).Message);

        const string header = "number,customerCode,invoiceDate,dueDate,amount\n";
        var binary = await RefusedAsync([.. Encoding.UTF8.GetBytes(header + row), 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x0A, 0x0D]);
        Assert.Equal("body", binary.Field);
        Assert.Contains("line 3 holds a NUL byte", binary.Message);
        var utf16 = await RefusedAsync(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(header + row)).ToArray());
        Assert.Contains("not UTF-8", utf16.Message);
        var latin1 = await RefusedAsync(Encoding.Latin1.GetBytes(header + "X-1,IMP-1,2026-09-01,2026-10-01,10\nMÜNCHEN-1,IMP-1,2026-09-01,2026-10-01,10\n"));
        Assert.Contains("line 3 holds bytes that are not UTF-8", latin1.Message);

        var longName = await RefusedAsync(Encoding.UTF8.GetBytes(header + row), "?fileName=" + new string('f', 256) + ".csv");
        Assert.Equal("fileName", longName.Field);
        Assert.Contains("255", longName.Message);
        Assert.Equal("ok.csv", (string?)(await UploadAsync("invoices", header, "?fileName=ok.csv"))["fileName"]);

        Assert.Equal(0, (int)(await _client.GetFromJsonAsync<JsonObject>("/api/v1/invoices?pageSize=1"))!["total"]!);
    }

    [Fact]
    public async Task A_list_refuses_a_page_whose_offset_would_not_fit_naming_the_page()
    {
        var response = await _client.GetAsync("/api/v1/invoices?page=2147483647");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("page"));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/v1/invoices?page=1000000&pageSize=500")).StatusCode);
    }

    private static string CultureInfo(FormattableString s) => FormattableString.Invariant(s);

    private async Task<JsonObject> UploadAsync(string kind, string csv, string query = "")
    {
        var response = await _client.PostAsync($"/api/v1/{kind}/imports{query}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<JsonObject> WaitAsync(string kind, string id)
    {
        JsonObject? job = null;
        await ServiceHost.EventuallyAsync(async () =>
        {
            job = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/{kind}/imports/{id}");
            return (string?)job!["status"] is "completed" or "failed";
        }, $"import {id} to finish", seconds: 120);
        return job!;
    }
}
