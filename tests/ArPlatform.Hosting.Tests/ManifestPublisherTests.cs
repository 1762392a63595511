using System.Text.Json.Nodes;

namespace ArPlatform.Hosting.Tests;

public sealed class ManifestPublisherTests
{
    [Fact]
    public void Resources_are_written_in_the_Aspire_manifest_shapes()
    {
        var builder = DistributedApplicationBuilder.CreateForTesting();
        var db = builder.AddPostgres("pg").AddDatabase("appdb");
        var mq = builder.AddRabbitMQ("mq");
        var secret = builder.AddParameter("api-secret", secret: true);
        builder.AddProject("api", "/repo/src/Api/Api.csproj")
            .WithReference(db).WaitFor(db).WithReference(mq).WithEnvironment("Api__Secret", secret)
            .WithHttpEndpoint(port: 8080).WithExternalHttpEndpoints();

        var manifest = JsonNode.Parse(ManifestPublisher.Generate(builder.Resources, "/repo"))!["resources"]!;

        Assert.Equal("container.v0", (string?)manifest["pg"]!["type"]);
        Assert.Equal("value.v0", (string?)manifest["appdb"]!["type"]);
        Assert.Equal("{pg.connectionString};Database=appdb", (string?)manifest["appdb"]!["connectionString"]);
        Assert.Equal("parameter.v0", (string?)manifest["api-secret"]!["type"]);
        Assert.True((bool)manifest["api-secret"]!["inputs"]!["value"]!["secret"]!);
        var api = manifest["api"]!;
        Assert.Equal("project.v0", (string?)api["type"]);
        Assert.Equal("src/Api/Api.csproj", (string?)api["path"]);
        Assert.Equal("{appdb.connectionString}", (string?)api["env"]!["ConnectionStrings__appdb"]);
        Assert.Equal("{mq.connectionString}", (string?)api["env"]!["ConnectionStrings__mq"]);
        Assert.Equal("{api-secret.value}", (string?)api["env"]!["Api__Secret"]);
        Assert.Equal(8080, (int)api["bindings"]!["http"]!["port"]!);
        Assert.True((bool)api["bindings"]!["http"]!["external"]!);
    }
}
