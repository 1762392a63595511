using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ArPlatform.EndToEnd.Tests;

/// <summary>The committed aspire-manifest.json is what Aspire's manifest publisher writes for the AppHost, and valid against Aspire's schema.</summary>
public sealed class ManifestTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public async Task The_committed_manifest_is_exactly_what_Aspire_publishes_for_the_AppHost()
    {
        var generated = await GenerateAsync();
        var committed = await File.ReadAllTextAsync(Path.Combine(Root, "aspire-manifest.json"));
        Assert.True(committed == generated,
            "aspire-manifest.json is out of date: regenerate it with 'dotnet run --project src/AppHost -- --publisher manifest --output-path aspire-manifest.json'.");
    }

    [Fact]
    public async Task The_manifest_is_valid_against_Aspire_s_schema_with_servers_as_containers_and_services_as_projects()
    {
        var text = await GenerateAsync();
        var schema = JsonSchema.FromText(await File.ReadAllTextAsync(Path.Combine(Root, "docs", "schemas", "aspire-8.0.json")));
        var result = schema.Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));

        var resources = JsonNode.Parse(text)!["resources"]!;
        Assert.StartsWith("docker.io/library/postgres:", (string?)resources["postgres"]!["image"]);
        Assert.StartsWith("docker.io/library/rabbitmq:", (string?)resources["messaging"]!["image"]);
        Assert.StartsWith("docker.io/library/redis:", (string?)resources["cache"]!["image"]);
        Assert.Equal("parameter.v0", (string?)resources["mail"]!["type"]);
        // Each service: its database as its own application and owner roles and the broker as its own user, each with a
        // secret of its own; never the superuser's or the broker administrator's (ADR 0026).
        foreach (var (service, database) in new[] { ("identity", "identitydb"), ("customers", "customersdb"), ("invoices", "invoicesdb"), ("collections", "collectionsdb"), ("documents", "documentsdb"), ("reporting", "reportingdb") })
        {
            Assert.Equal("project.v0", (string?)resources[service]!["type"]);
            var env = resources[service]!["env"]!;
            Assert.Equal($"Host={{postgres.bindings.tcp.host}};Port={{postgres.bindings.tcp.port}};Username={database}_app;Password={{{database}-app-password.value}};Database={database}",
                (string?)env[$"ConnectionStrings__{database}"]);
            Assert.Equal($"Host={{postgres.bindings.tcp.host}};Port={{postgres.bindings.tcp.port}};Username={database}_owner;Password={{{database}-owner-password.value}};Database={database}",
                (string?)env[$"ConnectionStrings__{database}-migrations"]);
            Assert.Equal($"amqp://{service}:{{{service}-messaging-password-uri-encoded.value}}@{{messaging.bindings.tcp.host}}:{{messaging.bindings.tcp.port}}",
                (string?)env["ConnectionStrings__messaging"]);
            foreach (var secret in new[] { $"{database}-app-password", $"{database}-owner-password", $"{service}-messaging-password" })
            {
                Assert.Equal("parameter.v0", (string?)resources[secret]!["type"]);
                Assert.True((bool?)resources[secret]!["inputs"]!["value"]!["secret"], secret);
            }

            foreach (var forbidden in new[] { "{postgres-password", "{messaging-password", "{postgres.connectionString}", "{messaging.connectionString}", $"{{{database}.connectionString}}" })
            {
                Assert.DoesNotContain(env.AsObject(), e => ((string?)e.Value ?? "").Contains(forbidden, StringComparison.Ordinal));
            }

            Assert.Equal("{cache.connectionString}", (string?)env["ConnectionStrings__cache"]);
            Assert.Equal("{test-clock.value}", (string?)env["Platform__TestClock"]);
            if (service != "identity")
            {
                Assert.Equal("{mail.connectionString}", (string?)env["ConnectionStrings__mail"]);
                Assert.Equal("{identity.bindings.http.url}", (string?)env["services__identity__http__0"]);
            }
        }

        Assert.Equal("{admin-client-secret.value}", (string?)resources["identity"]!["env"]!["Identity__AdminClientSecret"]);
        Assert.Equal("value.v0", (string?)resources["invoicesdb"]!["type"]);
    }

    /// <summary>Runs the built AppHost with Aspire's manifest publisher, beside the committed file (paths in it are relative to it).</summary>
    private static async Task<string> GenerateAsync()
    {
        var output = Path.Combine(Root, $"aspire-manifest.{Guid.NewGuid():N}.json");
        var appHost = Path.Combine(AppContext.BaseDirectory, "ArPlatform.AppHost.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var arg in new[] { "exec", appHost, "--publisher", "manifest", "--output-path", output })
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info)!;
            var log = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
            Assert.True(process.ExitCode == 0, $"the manifest publisher failed: {await log}{await errors}");
            return await File.ReadAllTextAsync(output);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ArPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (ArPlatform.sln) was not found.");
    }
}
