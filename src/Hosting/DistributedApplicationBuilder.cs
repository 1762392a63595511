using Microsoft.Extensions.Configuration;

namespace ArPlatform.Hosting;

/// <summary>Declares the topology, with the names and shape of Aspire's <c>DistributedApplicationBuilder</c>.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<IResource> _resources = [];

    private DistributedApplicationBuilder(IConfiguration configuration, string dataDirectory, bool ephemeral, bool durable)
    {
        Configuration = configuration;
        DataDirectory = dataDirectory;
        Ephemeral = ephemeral;
        Durable = durable;
    }

    public IConfiguration Configuration { get; }

    /// <summary>Where servers keep their data, logs and pid files (git-ignored <c>.data/</c> by default).</summary>
    public string DataDirectory { get; }

    /// <summary>The data folder is thrown away when the app is disposed.</summary>
    public bool Ephemeral { get; }

    /// <summary>Servers run with production durability (fsync, synchronous commit, full-page writes, Redis AOF).</summary>
    public bool Durable { get; }

    public IReadOnlyList<IResource> Resources => _resources;

    /// <summary>The builder of an AppHost process: command line, environment and appsettings.json configure it.</summary>
    public static DistributedApplicationBuilder CreateBuilder(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var dataDirectory = configuration["AppHost:DataDirectory"]
            ?? Path.Combine(FindRepositoryRoot() ?? Environment.CurrentDirectory, ".data");
        return new DistributedApplicationBuilder(configuration, Path.GetFullPath(dataDirectory), ephemeral: false, durable: true);
    }

    /// <summary>
    /// A builder for tests: data in a fresh temporary folder that is deleted when the app is disposed; servers skip
    /// durability unless <paramref name="durable"/> (benchmarks that report "durable" figures).
    /// </summary>
    public static DistributedApplicationBuilder CreateForTesting(IDictionary<string, string?>? settings = null, string? dataDirectory = null, bool durable = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var directory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "arplatform-test-" + Guid.NewGuid().ToString("N")[..12]);
        return new DistributedApplicationBuilder(configuration, directory, ephemeral: true, durable);
    }

    /// <summary>The folder holding ArPlatform.sln, found by walking up from the running program.</summary>
    public static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ArPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public IResourceBuilder<ParameterResource> AddParameter(string name, bool secret = false, bool generate = false) =>
        AddResource(new ParameterResource(name, secret, generate));

    public IResourceBuilder<PostgresServerResource> AddPostgres(string name, IResourceBuilder<ParameterResource>? password = null)
    {
        var pw = password?.Resource ?? AddParameter($"{name}-password", secret: true, generate: true).Resource;
        return AddResource(new PostgresServerResource(name, pw));
    }

    public IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(string name, IResourceBuilder<ParameterResource>? password = null)
    {
        var pw = password?.Resource ?? AddParameter($"{name}-password", secret: true, generate: true).Resource;
        return AddResource(new RabbitMQServerResource(name, pw));
    }

    public IResourceBuilder<RedisResource> AddRedis(string name, IResourceBuilder<ParameterResource>? password = null)
    {
        var pw = password?.Resource ?? AddParameter($"{name}-password", secret: true, generate: true).Resource;
        return AddResource(new RedisResource(name, pw));
    }

    public IResourceBuilder<ProjectResource> AddProject<TProject>(string name) where TProject : IProjectMetadata, new() =>
        AddResource(new ProjectResource(name, new TProject().ProjectPath));

    public IResourceBuilder<ProjectResource> AddProject(string name, string projectPath) =>
        AddResource(new ProjectResource(name, Path.GetFullPath(projectPath)));

    public DistributedApplication Build() => new(this);
}
