using ArPlatform.AppHost;
using ArPlatform.Hosting;

namespace ArPlatform.EndToEnd.Tests;

public sealed class ManifestTests
{
    [Fact]
    public void The_committed_manifest_is_exactly_what_the_AppHost_generates()
    {
        var root = DistributedApplicationBuilder.FindRepositoryRoot() ?? throw new InvalidOperationException("Repository root not found.");
        var builder = DistributedApplicationBuilder.CreateForTesting();
        Topology.Define(builder);

        var generated = ManifestPublisher.Generate(builder.Resources, root);
        var committed = File.ReadAllText(Path.Combine(root, "aspire-manifest.json"));

        Assert.True(committed == generated,
            "aspire-manifest.json is out of date: regenerate it with 'dotnet run --project src/AppHost -- --publisher manifest --output-path aspire-manifest.json'.");
    }

    [Fact]
    public void Every_service_gets_its_database_the_broker_the_cache_and_identity_by_name()
    {
        var builder = DistributedApplicationBuilder.CreateForTesting();
        Topology.Define(builder);
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(ManifestPublisher.Generate(builder.Resources, "/"))!["resources"]!;

        foreach (var (service, database) in new[] { ("customers", "customersdb"), ("invoices", "invoicesdb"), ("collections", "collectionsdb"), ("documents", "documentsdb"), ("reporting", "reportingdb") })
        {
            var env = manifest[service]!["env"]!;
            Assert.Equal($"{{{database}.connectionString}}", (string?)env[$"ConnectionStrings__{database}"]);
            Assert.Equal("{messaging.connectionString}", (string?)env["ConnectionStrings__messaging"]);
            Assert.Equal("{cache.connectionString}", (string?)env["ConnectionStrings__cache"]);
            Assert.Equal("{identity.bindings.http.url}", (string?)env["services__identity__http__0"]);
        }

        Assert.Equal("{admin-client-secret.value}", (string?)manifest["identity"]!["env"]!["Identity__AdminClientSecret"]);
        Assert.Equal("parameter.v0", (string?)manifest["admin-client-secret"]!["type"]);
        Assert.Equal("value.v0", (string?)manifest["invoicesdb"]!["type"]);
        Assert.Equal("container.v0", (string?)manifest["messaging"]!["type"]);
    }
}
