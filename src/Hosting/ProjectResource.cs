using System.Globalization;

namespace ArPlatform.Hosting;

/// <summary>Where a project lives; the AppHost generates one class per referenced project, as Aspire does.</summary>
public interface IProjectMetadata
{
    string ProjectPath { get; }
}

/// <summary>A value given to a process: how it reads in the manifest and what it is at run time.</summary>
public sealed record ValueExpression(string Manifest, Func<string> Runtime)
{
    public static ValueExpression Literal(string value) => new(value, () => value);
}

/// <summary>A .NET project run as one process per replica, each on its own loopback port.</summary>
public sealed class ProjectResource(string name, string projectPath) : IRunnableResource
{
    private readonly List<(ManagedProcess Process, int Port)> _replicas = [];
    private readonly List<IRunnableResource> _waitsFor = [];
    private RunContext? _context;

    public string Name { get; } = name;

    public string ProjectPath { get; } = projectPath;

    public int Replicas { get; internal set; } = 1;

    /// <summary>A fixed port for the first replica (the gateway's public port); others get free ports.</summary>
    public int? FixedPort { get; internal set; }

    public bool External { get; internal set; }

    public Dictionary<string, ValueExpression> Environment { get; } = new(StringComparer.Ordinal);

    public List<ProjectResource> ServiceReferences { get; } = [];

    public List<IResourceWithConnectionString> ConnectionReferences { get; } = [];

    public ResourceState State { get; private set; }

    public IReadOnlyList<string> Urls => [.. _replicas.Select(r => $"http://127.0.0.1:{r.Port}")];

    public string? Url => _replicas.Count == 0 ? null : string.Join(' ', Urls);

    public int? ProcessId => _replicas.Count == 0 ? null : _replicas[0].Process.Id;

    public IReadOnlyList<int> ProcessIds => [.. _replicas.Select(r => r.Process.Id)];

    public IReadOnlyList<IRunnableResource> WaitsFor => _waitsFor;

    internal void AddWait(IRunnableResource resource)
    {
        if (!_waitsFor.Contains(resource))
        {
            _waitsFor.Add(resource);
        }
    }

    /// <summary>Ports are chosen before any project starts, so every project can be told where the others are.</summary>
    internal void AllocatePorts()
    {
        _ports.Clear();
        for (var i = 0; i < Replicas; i++)
        {
            _ports.Add(i == 0 && FixedPort is { } port ? port : Ports.Free());
        }
    }

    private readonly List<int> _ports = [];

    public IReadOnlyList<string> PlannedUrls => [.. _ports.Select(p => $"http://127.0.0.1:{p}")];

    public string AssemblyPath()
    {
        var dir = Path.GetDirectoryName(ProjectPath)!;
        var assembly = Path.GetFileNameWithoutExtension(ProjectPath) + ".dll";
        // Prefer the configuration the orchestrator itself was built in, then the newest build.
        var own = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var candidates = new[] { "Debug", "Release" }
            .Select(c => Path.Combine(dir, "bin", c, "net10.0", assembly))
            .Where(File.Exists)
            .OrderByDescending(p => p.Contains($"{Path.DirectorySeparatorChar}{own}{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ThenByDescending(File.GetLastWriteTimeUtc)
            .ToList();
        return candidates.Count > 0
            ? candidates[0]
            : throw new InvalidOperationException(
                $"Project '{Name}' is not built ({ProjectPath}): run 'dotnet build' first (the AppHost project builds every service).");
    }

    public Task StartAsync(RunContext context, CancellationToken cancellationToken)
    {
        _context = context;
        State = ResourceState.Starting;
        var assembly = AssemblyPath();
        for (var i = 0; i < _ports.Count; i++)
        {
            var instance = Replicas == 1 ? Name : $"{Name}-{i}";
            var env = new Dictionary<string, string?>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_ports[i]}",
                ["ASPNETCORE_ENVIRONMENT"] = context.EnvironmentName,
                ["DOTNET_ENVIRONMENT"] = context.EnvironmentName,
                ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
                ["OTEL_SERVICE_NAME"] = Name,
                ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instance}",
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = System.Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"),
                ["DOTNET_NOLOGO"] = "1",
                ["Logging__Console__FormatterName"] = "simple",
                ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            };
            foreach (var reference in ConnectionReferences)
            {
                env[$"ConnectionStrings__{reference.Name}"] = reference.GetConnectionString();
            }

            foreach (var service in ServiceReferences)
            {
                for (var r = 0; r < service.PlannedUrls.Count; r++)
                {
                    env[$"services__{service.Name}__http__{r}"] = service.PlannedUrls[r];
                }
            }

            foreach (var (key, value) in Environment)
            {
                env[key] = value.Runtime();
            }

            var process = ManagedProcess.Start(instance, instance, "dotnet", ["exec", assembly], env,
                Path.GetDirectoryName(assembly)!, context);
            _replicas.Add((process, _ports[i]));
        }

        State = ResourceState.Running;
        return Task.CompletedTask;
    }

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        if (_replicas.FirstOrDefault(r => r.Process.HasExited) is { Process: not null } dead)
        {
            State = ResourceState.Failed;
            throw new InvalidOperationException(
                $"{Name} exited with code {dead.Process.ExitCode} while starting; see {_context?.Logger.LogFile(Name)}.");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var (_, port) in _replicas)
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/health", cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return false;
                }
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        State = ResourceState.Healthy;
        return true;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        State = ResourceState.Stopping;
        await Task.WhenAll(_replicas.Select(r => r.Process.StopAsync(ManagedProcess.SigTerm, TimeSpan.FromSeconds(20))));
        _replicas.Clear();
        State = ResourceState.Stopped;
    }
}
