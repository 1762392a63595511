using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ArPlatform.EndToEnd.Tests;

/// <summary>
/// Generated from the six OpenAPI documents the gateway serves: every operation gets malformed bodies and query
/// strings with a token that holds every scope it needs, and none may answer 5xx (bad input is a 4xx problem).
/// </summary>
public sealed class OpenApiFuzzTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    // Identity last: its operations spend the platform admin's window, which also makes the API clients.
    private static readonly string[] Services = ["customers", "invoices", "collections", "documents", "reporting", "identity"];

    private static readonly string[] TenantScopes =
        ["customers.read", "customers.write", "invoices.read", "invoices.write", "collections.read", "collections.write", "collections.admin",
         "credits.approve", "documents.read", "documents.write", "reports.read", "reports.write"];

    private static readonly string Huge = new('x', 100_000);

    private static readonly string[] QueryValues =
        ["2147483647", "-2147483648", "99999999999999999999", "0", "-1", "0001-01-01", "9999-12-31", "2026-02-30", "garbage", "%00", "", new string('9', 5000)];

    private static readonly string[] RawBodies =
        ["", "{", "{\"a\":", "[]", "null", "\"x\"", "12", "{}", "[null]", Deep(2000), "{\"x\":" + Deep(2000) + "}", "\u0001\u0002\u00ff"];

    private readonly List<string> _failures = [];
    private int _requests;

    [Fact]
    public async Task No_operation_answers_5xx_to_malformed_bodies_or_query_strings()
    {
        var admin = await platform.TokenAsync("platform-admin", PlatformFixture.AdminSecret);
        var tenantId = await NewTenantAsync(admin);
        var tokens = new TokenPool(() => NewClientTokenAsync(admin, tenantId));
        var adminTokens = new TokenPool(() => platform.TokenAsync("platform-admin", PlatformFixture.AdminSecret));
        var started = DateTime.UtcNow;
        foreach (var service in Services)
        {
            using var response = await platform.Gateway.GetAsync($"/openapi/{service}.json");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            foreach (var (path, item) in document["paths"]!.AsObject())
            {
                foreach (var (method, operationNode) in item!.AsObject())
                {
                    var operation = operationNode!.AsObject();
                    var pool = NeedsAdmin(operation) ? adminTokens : tokens;
                    await FuzzAsync(pool, document, new HttpMethod(method.ToUpperInvariant()), path, operation);
                }
            }
        }

        Assert.True(_failures.Count == 0,
            $"{_failures.Count} of {_requests} requests answered 5xx ({(DateTime.UtcNow - started).TotalSeconds:F0} s):\n{string.Join('\n', _failures)}");
    }

    private async Task FuzzAsync(TokenPool tokens, JsonObject document, HttpMethod method, string template, JsonObject operation)
    {
        var parameters = operation["parameters"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [];
        var path = template;
        foreach (var parameter in parameters.Where(p => (string?)p["in"] == "path"))
        {
            var value = Resolve(document, parameter["schema"]) is { } s && (string?)s["format"] == "uuid" ? Guid.NewGuid().ToString() : "2026-10";
            path = path.Replace("{" + (string)parameter["name"]! + "}", value, StringComparison.Ordinal);
        }

        var query = parameters.Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!).ToList();
        foreach (var name in query)
        {
            foreach (var value in QueryValues)
            {
                await SendAsync(tokens, method, $"{path}?{name}={Uri.EscapeDataString(value)}", null, $"query {name}={Shorten(value)}");
            }
        }

        if (query.Count > 0)
        {
            await SendAsync(tokens, method, path + "?" + string.Join('&', query.Select(q => q + "=2147483647")), null, "every query parameter 2147483647");
        }

        if (operation["requestBody"]?["content"]?["application/json"]?["schema"] is not { } bodySchema)
        {
            if (query.Count == 0)
            {
                await SendAsync(tokens, method, path, null, "no input");
            }

            return;
        }

        foreach (var raw in RawBodies)
        {
            await SendAsync(tokens, method, path, raw, $"body {Shorten(raw)}");
        }

        var schema = Resolve(document, bodySchema);
        var valid = Example(document, schema, depth: 0);
        await SendAsync(tokens, method, path, valid?.ToJsonString() ?? "null", "a plausible body");
        if (valid is not JsonObject baseline || schema?["properties"] is not JsonObject properties)
        {
            return;
        }

        foreach (var (name, propertySchema) in properties)
        {
            foreach (var (label, value) in Mutations(document, Resolve(document, propertySchema)))
            {
                var body = baseline.DeepClone().AsObject();
                body[name] = value?.DeepClone();
                await SendAsync(tokens, method, path, body.ToJsonString(), $"body {name}: {label}");
            }
        }
    }

    private static IEnumerable<(string Label, JsonNode? Value)> Mutations(JsonObject document, JsonObject? schema)
    {
        var types = Types(schema);
        yield return ("null", null);
        yield return ("huge string", Huge);
        yield return ("huge number", JsonNode.Parse("1e308"));
        yield return ("huge integer", JsonNode.Parse("99999999999999999999999999999"));
        yield return ("negative", -2147483648);
        yield return ("wrong type", types.Contains("string") ? 12345 : "not-a-" + string.Join('-', types));
        yield return ("empty object", new JsonObject());
        yield return ("deep nesting", JsonNode.Parse(Deep(60)));
        yield return ("date 0001-01-01", "0001-01-01");
        yield return ("date 9999-12-31", "9999-12-31");
        yield return ("array of null", new JsonArray(null, null));
        if (types.Contains("array") && Resolve(document, schema?["items"]) is { } items)
        {
            yield return ("array of empty objects", new JsonArray(new JsonObject()));
            yield return ("array of wrong types", new JsonArray(Types(items).Contains("string") ? 1 : "x"));
            yield return ("10,000 items", new JsonArray([.. Enumerable.Range(0, 10_000).Select(_ => Example(document, items, 1))]));
            if (Example(document, items, 1) is JsonObject item && items["properties"] is JsonObject itemProperties)
            {
                foreach (var (name, _) in itemProperties)
                {
                    var broken = item.DeepClone().AsObject();
                    broken[name] = null;
                    yield return ($"an item with {name} null", new JsonArray(broken));
                    var huge = item.DeepClone().AsObject();
                    huge[name] = JsonNode.Parse("1e308");
                    yield return ($"an item with {name} 1e308", new JsonArray(huge));
                }
            }
        }
    }

    /// <summary>A value that matches the schema's shape, so that a mutation of one property reaches the endpoint's own checks.</summary>
    private static JsonNode? Example(JsonObject document, JsonObject? schema, int depth)
    {
        var types = Types(schema);
        if (schema is null || depth > 4)
        {
            return null;
        }

        if (types.Contains("object") || schema["properties"] is not null)
        {
            var result = new JsonObject();
            foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
            {
                result[name] = Example(document, Resolve(document, property), depth + 1);
            }

            return result;
        }

        if (types.Contains("array"))
        {
            return new JsonArray(Example(document, Resolve(document, schema["items"]), depth + 1));
        }

        return types.Contains("integer") ? 1
            : types.Contains("number") ? 100
            : types.Contains("boolean") ? true
            : (string?)schema["format"] switch
            {
                "uuid" => Guid.NewGuid().ToString(),
                "date" => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                "date-time" => DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                _ => "F1",
            };
    }

    private async Task SendAsync(TokenPool tokens, HttpMethod method, string path, string? body, string input)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.CurrentAsync());
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await platform.Gateway.SendAsync(request);
            _requests++;
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 3)
            {
                await tokens.NextAsync(); // each API client has its own window: go on with a fresh one
                continue;
            }

            if ((int)response.StatusCode >= 500)
            {
                var text = await response.Content.ReadAsStringAsync();
                _failures.Add($"{method} {Shorten(path, 120)} [{input}] -> {(int)response.StatusCode} {Shorten(text, 200)}");
            }

            return;
        }
    }

    private async Task<Guid> NewTenantAsync(string admin)
    {
        var code = $"fuzz-{Guid.NewGuid().ToString("N")[..6]}";
        var tenant = await platform.JsonAsync(HttpMethod.Post, "/api/v1/tenants", admin, new { name = $"Tenant {code}", code }, HttpStatusCode.Created);
        return Guid.Parse((string)tenant["id"]!);
    }

    private async Task<string> NewClientTokenAsync(string admin, Guid tenantId)
    {
        var client = await platform.JsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenantId}/clients", admin,
            new { name = "Fuzzer", scopes = TenantScopes }, HttpStatusCode.Created);
        return await platform.TokenAsync((string)client["clientId"]!, (string)client["clientSecret"]!);
    }

    private static bool NeedsAdmin(JsonObject operation) =>
        operation["security"]?.AsArray().Any(r => r!.AsObject().Any(s => s.Value!.AsArray().Any(v => (string?)v == "platform.admin"))) == true;

    private static JsonObject? Resolve(JsonObject document, JsonNode? schema)
    {
        for (var i = 0; i < 10 && schema?["$ref"] is { } reference; i++)
        {
            schema = document["components"]!["schemas"]![((string)reference!).Split('/')[^1]];
        }

        return schema as JsonObject;
    }

    private static HashSet<string> Types(JsonObject? schema) => schema?["type"] switch
    {
        JsonArray many => [.. many.Select(t => (string)t!)],
        JsonValue one => [(string)one!],
        _ => [],
    };

    private static string Deep(int levels) => new string('[', levels) + new string(']', levels);

    private static string Shorten(string text, int length = 40) =>
        text.Length <= length ? text : $"{text[..length]}... ({text.Length:N0} chars)";

    /// <summary>Tokens of API clients made on demand: the gateway limits each client per window.</summary>
    private sealed class TokenPool(Func<Task<string>> create)
    {
        private string? _current;

        public async Task<string> CurrentAsync() => _current ??= await create();

        public async Task NextAsync() => _current = await create();
    }
}
