using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ArPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ArPlatform.Customers.Tests;

/// <summary>The customer CSV import job and the customer search, against the real servers.</summary>
public sealed class CustomerImportAndSearchTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IAsyncLifetime
{
    private readonly Guid _tenant = Guid.CreateVersion7();
    private ServiceUnderTest<Program>? _service;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest<Program>.StartAsync(infrastructure, "customersdb");
        _client = _service.ClientFor(TestTokens.Issue(_tenant, "customers.read", "customers.write"));
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    private const string Header = "code,name,gstin,type,parentCode,assignedCollector,stateCode,tags,netDays,creditLimit\n";

    [Fact]
    public async Task A_customer_file_is_imported_in_the_background_with_errors_by_line_and_a_second_upload_creates_nothing()
    {
        var csv = new StringBuilder(Header);
        csv.Append("DIST-1,Kaveri Distributors,37AAACI1681G2ZN,distributor,,asha,,key-account;south,45,500000\n"); // line 2
        for (var i = 1; i <= 10200; i++) // three batches, written two at a time
        {
            csv.Append(FormattableString.Invariant($"DLR-{i:D5},Dealer {i},,dealer,DIST-1,{(i % 2 == 0 ? "asha" : "ravi")},{(i % 7 == 0 ? "27" : "09")},,30,\n"));
        }

        csv.Append("BAD-GSTIN,Bad Gstin Ltd,37AAACI1681G2ZX,corporate,,,,,,\n");   // line 10203
        csv.Append("ORPHAN,Orphan Traders,,dealer,NOBODY,,,,,\n");                  // line 10204
        csv.Append("DLR-00001,Dealer One Again,,dealer,,,,,,\n");                  // line 10205: in the file twice, in another batch
        csv.Append("BAD-LIMIT,Bad Limit,,corporate,,,,,,-10\n");                    // line 10206

        var job = await UploadAsync(csv.ToString());
        Assert.Equal(10205, (int)job["totalRows"]!);
        var done = await WaitAsync((string)job["id"]!);
        Assert.Equal(("completed", 10205, 10201, 0, 4), ((string)done["status"]!, (int)done["rowsDone"]!, (int)done["created"]!, (int)done["duplicates"]!,
            (int)done["rejected"]!));
        Assert.Equal([(10203, "gstin"), (10204, "parentCode"), (10205, "code"), (10206, "creditLimit")],
            done["errors"]!.AsArray().Select(e => ((int)e!["line"]!, (string)e["field"]!)));

        var distributor = (await _client.GetFromJsonAsync<JsonObject>("/api/v1/customers?code=DIST-1"))!["items"]![0]!;
        Assert.Equal(("37", "South", "AAACI1681G", 45, 500000m), ((string?)distributor["stateCode"], (string?)distributor["region"], (string?)distributor["pan"],
            (int)distributor["terms"]!["netDays"]!, (decimal)distributor["credit"]!["limit"]!));
        Assert.Equal(["key-account", "south"], distributor["tags"]!.AsArray().Select(t => (string)t!));
        // Later batches are written while the one before may not have committed: their dealers still find their distributor.
        var last = (await _client.GetFromJsonAsync<JsonObject>("/api/v1/customers?code=DLR-10200"))!["items"]![0]!;
        Assert.Equal((string?)distributor["id"], (string?)last["parentId"]);
        // Lists count up to 1,000 and then say "at least".
        var under = (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/customers?under={distributor["id"]}&pageSize=1"))!;
        Assert.Equal((1000, true), ((int)under["total"]!, (bool)under["totalIsLowerBound"]!));
        var dealers = (await _client.GetFromJsonAsync<JsonObject>("/api/v1/customers?search=dealer&pageSize=2&page=2"))!; // over 5,000 matches
        Assert.Equal((1000, true), ((int)dealers["total"]!, (bool)dealers["totalIsLowerBound"]!));
        Assert.Equal(["DLR-00003", "DLR-00004"], dealers["items"]!.AsArray().Select(c => (string)c!["code"]!));
        var one = (await _client.GetFromJsonAsync<JsonObject>("/api/v1/customers?search=dealer%205200"))!;
        Assert.Equal(["DLR-05200"], one["items"]!.AsArray().Select(c => (string)c!["code"]!));
        var asha = (await _client.GetFromJsonAsync<JsonObject>("/api/v1/customers?search=dealer&collector=asha&pageSize=2"))!; // a search filtered further
        Assert.Equal((1000, true, "DLR-00002"), ((int)asha["total"]!, (bool)asha["totalIsLowerBound"]!, (string?)asha["items"]![0]!["code"]));
        var ravi = (await _client.GetFromJsonAsync<JsonObject>("/api/v1/customers?collector=ravi&stateCode=27&pageSize=1"))!;
        Assert.Equal((729, false), ((int)ravi["total"]!, (bool)ravi["totalIsLowerBound"]!)); // odd dealers of 10,200, one in seven in state 27
        var history = await _client.GetFromJsonAsync<JsonArray>($"/api/v1/customers/{distributor["id"]}/credit-limit/history");
        Assert.Equal((500000m, "customer import"), ((decimal)history![0]!["newLimit"]!, (string)history[0]!["changedBy"]!));

        var again = await WaitAsync((string)(await UploadAsync(csv.ToString()))["id"]!);
        Assert.Equal((0, 10201, 4), ((int)again["created"]!, (int)again["duplicates"]!, (int)again["rejected"]!));
        Assert.Equal(729, (int)(await _client.GetFromJsonAsync<JsonObject>("/api/v1/customers?collector=ravi&stateCode=27&pageSize=1"))!["total"]!);

        var other = _service!.ClientFor(TestTokens.Issue(Guid.CreateVersion7(), "customers.read", "customers.write"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/customers/imports/{job["id"]}")).StatusCode);
        Assert.Equal(0, (int)(await other.GetFromJsonAsync<JsonObject>("/api/v1/customers?pageSize=1"))!["total"]!);
        Assert.Equal(0, (int)(await other.GetFromJsonAsync<JsonObject>("/api/v1/customers?search=kaveri"))!["total"]!);      // the search function keeps to the tenant
        Assert.Equal(0, (int)(await other.GetFromJsonAsync<JsonObject>("/api/v1/customers?search=DIST-1"))!["total"]!);

        // One event per batch of 5,000 for Invoices' copy, not one per customer.
        await using var connection = new NpgsqlConnection(_service.Database.Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE type LIKE 'ArPlatform.Contracts.CustomersRegistered,%' AND tenant_id = @t", connection);
        command.Parameters.AddWithValue("t", _tenant);
        Assert.Equal(3L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_file_with_a_wrong_header_is_refused_at_upload_and_a_broken_row_spoils_only_its_own_line()
    {
        var wrong = await _client.PostAsync("/api/v1/customers/imports", new StringContent("code,nmae,gstin\nC-1,Name,\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var message = (string)(await wrong.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["body"]![0]!;
        Assert.Contains("unknown column 'nmae'", message);
        var noName = await _client.PostAsync("/api/v1/customers/imports", new StringContent("code,gstin\nC-1,\n", Encoding.UTF8, "text/csv"));
        Assert.Contains("no column name", (string)(await noName.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["body"]![0]!);

        var csv = Header
            + "Q-1,\"Quoted, Ltd\",,dealer,,,,,,\n"    // line 2
            + "Q-2,\"Open Quote Ltd,,dealer,,,,,,\n"    // line 3: a quote left open
            + "Q-3,Next Ltd,,dealer,,,,,,\n"            // line 4: still read
            + "Q-4,Comma, Ltd,,dealer,,,,,,\n"          // line 5: a comma unquoted, one field too many
            + "Q-5,\"Say \"\"Hi\"\" Ltd\",,dealer,,,,,,\n"; // line 6
        var job = await UploadAsync(csv);
        Assert.Equal(5, (int)job["totalRows"]!);
        var done = await WaitAsync((string)job["id"]!);
        Assert.Equal(("completed", 5, 3, 2), ((string)done["status"]!, (int)done["rowsDone"]!, (int)done["created"]!, (int)done["rejected"]!));
        Assert.Equal([(3, "name"), (5, "row")], done["errors"]!.AsArray().Select(e => ((int)e!["line"]!, (string)e["field"]!)));
        var names = (await _client.GetFromJsonAsync<JsonObject>("/api/v1/customers"))!["items"]!.AsArray().Select(c => (string)c!["name"]!);
        Assert.Equal(["Quoted, Ltd", "Next Ltd", "Say \"Hi\" Ltd"], names);
    }

    [Fact]
    public async Task Imported_tags_keep_every_character_an_array_literal_treats_specially()
    {
        // Tags travel to the database as an array's text: quotes, backslashes, commas, braces and the word NULL must come back as written.
        var csv = Header + "T-1,Tagged Ltd,,dealer,,,,\"say \"\"hi\"\";back\\slash;a,b;{x};NULL; spaced \",,\n";
        var done = await WaitAsync((string)(await UploadAsync(csv))["id"]!);
        Assert.Equal(("completed", 1), ((string)done["status"]!, (int)done["created"]!));
        var customer = (await _client.GetFromJsonAsync<JsonObject>("/api/v1/customers?code=T-1"))!["items"]![0]!;
        Assert.Equal(["say \"hi\"", "back\\slash", "a,b", "{x}", "NULL", "spaced"], customer["tags"]!.AsArray().Select(t => (string)t!));
    }

    [Fact]
    public async Task Customers_are_found_by_the_start_of_words_of_their_name_or_code_by_GSTIN_and_by_region_state_collector_rating_and_hold()
    {
        var csv = Header
            + "SRCH-1,Kaveri Distributors,37AAACI1681G2ZN,distributor,,asha,,,,\n"
            + "SRCH-2,Ganga Traders 100%,,dealer,,ravi,27,,,\n"
            + "SRCH-3,Yamuna_Agencies,,dealer,,asha,09,,,\n"
            + "SRCH-4,श्री लक्ष्मी ट्रेडर्स,,dealer,,ravi,,,,\n";
        await WaitAsync((string)(await UploadAsync(csv))["id"]!);
        async Task<string[]> Codes(string query) =>
            [.. (await _client.GetFromJsonAsync<JsonObject>($"/api/v1/customers?{query}"))!["items"]!.AsArray().Select(c => (string)c!["code"]!)];

        Assert.Equal(["SRCH-1"], await Codes("search=kaveri"));
        Assert.Equal(["SRCH-1"], await Codes("search=KAVERI%20distrib"));    // whole words, the last one cut short, any case
        Assert.Equal(["SRCH-1"], await Codes("search=kav"));
        Assert.Empty(await Codes("search=kaveri%20traders"));
        Assert.Equal(["SRCH-1"], await Codes("search=37aaaci1681g2zn"));
        Assert.Equal(["SRCH-1"], await Codes("gstin=37AAACI1681G2ZN"));
        Assert.Equal(["SRCH-2"], await Codes("search=100%25"));               // symbols are not operators
        Assert.Equal(["SRCH-3"], await Codes("search=yamuna_ag"));
        Assert.Equal(["SRCH-2"], await Codes("search=SRCH-2"));
        Assert.Empty(await Codes("search=%26%7C!"));                         // nothing but symbols
        Assert.Equal(["SRCH-1", "SRCH-2", "SRCH-3", "SRCH-4"], await Codes("search=srch"));
        Assert.Equal(["SRCH-4"], await Codes($"search={Uri.EscapeDataString("लक्ष्मी")}"));  // vowel signs are part of the word
        Assert.Equal(["SRCH-4"], await Codes($"search={Uri.EscapeDataString("श्री लक्")}"));
        var past = (await _client.GetFromJsonAsync<JsonObject>("/api/v1/customers?search=kaveri&page=2"))!;  // a page past the end still counts
        Assert.Equal((0, 1), (past["items"]!.AsArray().Count, (int)past["total"]!));
        Assert.Equal(["SRCH-2"], await Codes("region=West"));
        Assert.Equal(["SRCH-3"], await Codes("stateCode=09"));
        Assert.Equal(["SRCH-1", "SRCH-3"], await Codes("collector=asha"));
        Assert.Equal(["SRCH-1", "SRCH-2", "SRCH-3", "SRCH-4"], await Codes("rating=unrated&onHold=false"));
        Assert.Empty(await Codes("rating=A"));
        Assert.Empty(await Codes("onHold=true"));
        var bad = await _client.GetAsync("/api/v1/customers?rating=F");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("rating"));
        var noState = await _client.GetAsync("/api/v1/customers?stateCode=40");
        Assert.Equal(HttpStatusCode.BadRequest, noState.StatusCode);
        Assert.True((await noState.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("stateCode"));
    }

    [Fact]
    public async Task A_word_being_typed_is_completed_from_the_tenants_words_or_matched_as_a_prefix_when_it_starts_too_many()
    {
        var csv = new StringBuilder(Header);
        for (var i = 1; i <= 40; i++)
        {
            csv.Append(FormattableString.Invariant($"Z-{i:D2},Zeta{i} Textiles,,dealer,,,,,,\n"));
        }

        await WaitAsync((string)(await UploadAsync(csv.ToString()))["id"]!);
        async Task<(int Total, string[] Codes)> SearchAsync(HttpClient client, string text)
        {
            var page = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/customers?search={Uri.EscapeDataString(text)}&pageSize=50"))!;
            return ((int)page["total"]!, [.. page["items"]!.AsArray().Select(c => (string)c!["code"]!)]);
        }

        Assert.Equal(40, (await SearchAsync(_client, "zeta")).Total);                   // starts 40 words, more than are completed: a prefix
        Assert.Equal(11, (await SearchAsync(_client, "zeta1")).Total);                  // zeta1 and zeta10-19, completed
        Assert.Equal(["Z-04", "Z-40"], (await SearchAsync(_client, "textiles ZETA4")).Codes);
        Assert.Empty((await SearchAsync(_client, "zeta41")).Codes);                     // starts no word of the tenant

        // A renamed customer is found by the start of its new words at once; another tenant completes nothing from this one's words.
        var z01 = (string)(await _client.GetFromJsonAsync<JsonObject>("/api/v1/customers?code=Z-01"))!["items"]![0]!["id"]!;
        (await _client.PatchAsJsonAsync($"/api/v1/customers/{z01}", new { name = "Omega Looms" })).EnsureSuccessStatusCode();
        Assert.Equal(["Z-01"], (await SearchAsync(_client, "omega loo")).Codes);
        Assert.Equal(10, (await SearchAsync(_client, "zeta1")).Total);
        var other = _service!.ClientFor(TestTokens.Issue(Guid.CreateVersion7(), "customers.read", "customers.write"));
        Assert.Equal(0, (await SearchAsync(other, "zeta1")).Total);
        Assert.Equal(0, (await SearchAsync(other, "zeta")).Total);
    }

    private async Task<JsonObject> UploadAsync(string csv)
    {
        var response = await _client.PostAsync("/api/v1/customers/imports", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<JsonObject> WaitAsync(string id)
    {
        JsonObject? job = null;
        await ServiceHost.EventuallyAsync(async () =>
        {
            job = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/customers/imports/{id}");
            return (string?)job!["status"] is "completed" or "failed";
        }, $"import {id} to finish", seconds: 120);
        return job!;
    }
}
