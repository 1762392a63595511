using System.Text.Json;
using System.Text.Json.Nodes;

namespace ArPlatform.Hosting;

/// <summary>Writes the topology in Aspire's manifest format (schema aspire-8.0), which deployment tooling reads.</summary>
public static class ManifestPublisher
{
    public static void Write(IReadOnlyList<IResource> resources, string outputPath)
    {
        var json = Generate(resources, Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        File.WriteAllText(outputPath, json);
    }

    public static string Generate(IReadOnlyList<IResource> resources, string manifestDirectory)
    {
        var manifest = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/aspire-8.0.json",
            ["resources"] = new JsonObject(resources.Select(r =>
                KeyValuePair.Create(r.Name, (JsonNode?)Describe(r, manifestDirectory)))),
        };
        return manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonObject Describe(IResource resource, string manifestDirectory) => resource switch
    {
        ParameterResource p => Parameter(p),
        PostgresServerResource pg => Container(pg.Image, pg.ConnectionStringExpression,
            new() { ["POSTGRES_HOST_AUTH_METHOD"] = "scram-sha-256", ["POSTGRES_INITDB_ARGS"] = "--auth-host=scram-sha-256 --auth-local=scram-sha-256", ["POSTGRES_USER"] = "postgres", ["POSTGRES_PASSWORD"] = $"{{{pg.Password.Name}.value}}" },
            new() { ["tcp"] = Binding("tcp", "tcp", 5432) },
            Volume($"arplatform-{pg.Name}-data", "/var/lib/postgresql/data")),
        PostgresDatabaseResource db => new JsonObject { ["type"] = "value.v0", ["connectionString"] = db.ConnectionStringExpression },
        RabbitMQServerResource mq => Container(mq.Image, mq.ConnectionStringExpression,
            new() { ["RABBITMQ_DEFAULT_USER"] = mq.UserName, ["RABBITMQ_DEFAULT_PASS"] = $"{{{mq.Password.Name}.value}}" },
            new() { ["tcp"] = Binding("tcp", "tcp", 5672), ["management"] = Binding("http", "http", 15672) },
            Volume($"arplatform-{mq.Name}-data", "/var/lib/rabbitmq")),
        RedisResource redis => Redis(redis),
        ProjectResource project => Project(project, manifestDirectory),
        _ => throw new NotSupportedException($"Resource type {resource.GetType().Name} has no manifest form."),
    };

    private static JsonObject Parameter(ParameterResource p)
    {
        var input = new JsonObject { ["type"] = "string", ["secret"] = p.Secret };
        if (p.Generate)
        {
            input["default"] = new JsonObject { ["generate"] = new JsonObject { ["minLength"] = 22 } };
        }

        return new JsonObject
        {
            ["type"] = "parameter.v0",
            ["value"] = $"{{{p.Name}.inputs.value}}",
            ["inputs"] = new JsonObject { ["value"] = input },
        };
    }

    private static JsonObject Container(string image, string connectionString, Dictionary<string, string> env, Dictionary<string, JsonObject> bindings, JsonObject volume) => new()
    {
        ["type"] = "container.v0",
        ["connectionString"] = connectionString,
        ["image"] = image,
        ["volumes"] = new JsonArray(volume),
        ["env"] = Env(env),
        ["bindings"] = new JsonObject(bindings.Select(b => KeyValuePair.Create(b.Key, (JsonNode?)b.Value))),
    };

    private static JsonObject Redis(RedisResource redis)
    {
        var container = Container(redis.Image, redis.ConnectionStringExpression,
            new() { ["REDIS_PASSWORD"] = $"{{{redis.Password.Name}.value}}" },
            new() { ["tcp"] = Binding("tcp", "tcp", 6379) },
            Volume($"arplatform-{redis.Name}-data", "/data"));
        container["entrypoint"] = "/bin/sh";
        container["args"] = new JsonArray("-c", "redis-server --requirepass $REDIS_PASSWORD --appendonly yes");
        return container;
    }

    private static JsonObject Project(ProjectResource project, string manifestDirectory)
    {
        var env = new Dictionary<string, string>
        {
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES"] = "true",
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES"] = "true",
            ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["HTTP_PORTS"] = $"{{{project.Name}.bindings.http.targetPort}}",
        };
        foreach (var reference in project.ConnectionReferences)
        {
            env[$"ConnectionStrings__{reference.Name}"] = $"{{{reference.Name}.connectionString}}";
        }

        foreach (var service in project.ServiceReferences)
        {
            env[$"services__{service.Name}__http__0"] = $"{{{service.Name}.bindings.http.url}}";
        }

        foreach (var (key, value) in project.Environment)
        {
            env[key] = value.Manifest;
        }

        var binding = new JsonObject { ["scheme"] = "http", ["protocol"] = "tcp", ["transport"] = "http" };
        if (project.External)
        {
            binding["external"] = true;
        }

        if (project.FixedPort is { } port)
        {
            binding["port"] = port;
        }

        return new JsonObject
        {
            ["type"] = "project.v0",
            ["path"] = Path.GetRelativePath(manifestDirectory, project.ProjectPath).Replace('\\', '/'),
            ["env"] = Env(env),
            ["bindings"] = new JsonObject { ["http"] = binding },
        };
    }

    private static JsonObject Binding(string scheme, string transport, int targetPort) => new()
    {
        ["scheme"] = scheme,
        ["protocol"] = "tcp",
        ["transport"] = transport,
        ["targetPort"] = targetPort,
    };

    private static JsonObject Volume(string name, string target) => new()
    {
        ["name"] = name,
        ["target"] = target,
        ["readOnly"] = false,
    };

    private static JsonObject Env(Dictionary<string, string> env) =>
        new(env.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value))));
}
