using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ArPlatform.Hosting;

/// <summary>
/// Runs the topology: servers first, then each project once what it waits for is healthy; stops projects, then
/// servers. With <c>--publisher manifest --output-path FILE</c> it writes the Aspire manifest instead.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly DistributedApplicationBuilder _builder;
    private readonly List<IRunnableResource> _started = [];
    private ResourceLogger? _logger;
    private FileStream? _lock;
    private bool _stopped;

    internal DistributedApplication(DistributedApplicationBuilder builder) => _builder = builder;

    public IReadOnlyList<IResource> Resources => _builder.Resources;

    public bool ConsoleOutput { get; set; } = true;

    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(3);

    public T Resource<T>(string name) where T : IResource =>
        _builder.Resources.OfType<T>().SingleOrDefault(r => r.Name == name)
        ?? throw new KeyNotFoundException($"No resource '{name}' of type {typeof(T).Name}.");

    public string GetConnectionString(string name) => Resource<IResourceWithConnectionString>(name).GetConnectionString();

    /// <summary>The first http URL of a project.</summary>
    public Uri GetEndpoint(string name) => new(Resource<ProjectResource>(name).Urls[0]);

    /// <summary>Runs until Ctrl+C or SIGTERM, or writes the manifest when asked to publish.</summary>
    public async Task RunAsync()
    {
        var configuration = _builder.Configuration;
        if (configuration["publisher"] is { } publisher)
        {
            if (publisher != "manifest")
            {
                throw new InvalidOperationException($"Unknown publisher '{publisher}': the only publisher is 'manifest'.");
            }

            var output = Path.GetFullPath(configuration["output-path"] ?? "aspire-manifest.json");
            ManifestPublisher.Write(_builder.Resources, output);
            Console.WriteLine($"Wrote the manifest to {output}");
            return;
        }

        using var stopping = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stopping.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stopping.Cancel(); });
        try
        {
            var clock = Stopwatch.StartNew();
            await StartAsync(stopping.Token);
            _logger!.Info($"all resources healthy in {clock.Elapsed.TotalSeconds:F1} s; logs in {_logger.LogFile("<resource>")}; Ctrl+C stops everything");
            PrintTable();
            PrintWelcome();
            await Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            await StopAsync();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        PrivateFiles.CreateFolder(_builder.DataDirectory);
        _lock = AcquireLock();
        _logger = new ResourceLogger(Path.Combine(_builder.DataDirectory, "logs"), ConsoleOutput);
        var context = new RunContext(_builder.DataDirectory, _logger, _builder.Durable)
        {
            EnvironmentName = _builder.Configuration["AppHost:Environment"] ?? "Development",
        };
        await ManagedProcess.StopLeftoversAsync(context.RunDirectory, _logger.Info);
        if (_builder.Ephemeral)
        {
            await TestDirectories.ClaimAndSweepAsync(_builder.DataDirectory);
        }

        foreach (var parameter in _builder.Resources.OfType<ParameterResource>())
        {
            parameter.Resolve(_builder.Configuration, _builder.DataDirectory, _logger);
        }

        var runnables = _builder.Resources.OfType<IRunnableResource>().ToList();
        foreach (var project in runnables.OfType<ProjectResource>())
        {
            project.AllocatePorts();
        }

        var healthy = new Dictionary<IRunnableResource, Task>();
        Task HealthyTask(IRunnableResource resource)
        {
            if (!healthy.TryGetValue(resource, out var task))
            {
                task = StartOneAsync(resource, resource.WaitsFor.Select(HealthyTask).ToList(), context, cancellationToken);
                healthy[resource] = task;
            }

            return task;
        }

        var all = runnables.Select(HealthyTask).ToList();
        try
        {
            await Task.WhenAll(all);
        }
        catch
        {
            PrintTable();
            await StopAsync();
            throw;
        }
    }

    private async Task StartOneAsync(IRunnableResource resource, List<Task> dependencies, RunContext context, CancellationToken cancellationToken)
    {
        await Task.WhenAll(dependencies);
        lock (_started)
        {
            _started.Add(resource);
        }

        try
        {
            await WaitUntilHealthyAsync(resource, context, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{e.Message}{Environment.NewLine}{Tail(context, resource.Name)}", e);
        }
    }

    /// <summary>The end of a resource's log (each replica's), so a failure can be read after a test host is gone.</summary>
    private static string Tail(RunContext context, string name)
    {
        var directory = Path.GetDirectoryName(context.Logger.LogFile(name))!;
        var files = Directory.GetFiles(directory, name + ".log").Concat(Directory.GetFiles(directory, name + "-*.log"));
        return string.Join(Environment.NewLine, files.Select(f =>
            $"--- last lines of {Path.GetFileName(f)}:{Environment.NewLine}{string.Join(Environment.NewLine, File.ReadLines(f).TakeLast(25))}"));
    }

    private async Task WaitUntilHealthyAsync(IRunnableResource resource, RunContext context, CancellationToken cancellationToken)
    {
        await resource.StartAsync(context, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        var clock = Stopwatch.StartNew();
        while (!await resource.IsHealthyAsync(timeout.Token))
        {
            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"{resource.Name} did not become healthy within {StartTimeout.TotalSeconds:F0} s; see {context.Logger.LogFile(resource.Name)}.");
            }

            await Task.Delay(150, timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        context.Logger.Info($"{resource.Name} is healthy ({clock.Elapsed.TotalSeconds:F1} s) at {resource.Url}");
    }

    /// <summary>Stops projects, then servers; safe to call more than once.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        _logger?.Info("stopping: services first, then servers");
        List<IRunnableResource> started;
        lock (_started)
        {
            started = [.. _started];
        }

        await Task.WhenAll(started.OfType<ProjectResource>().Select(p => p.StopAsync(CancellationToken.None)));
        await Task.WhenAll(started.OfType<ServerResource>().Select(s => s.StopAsync(CancellationToken.None)));
        _logger?.Info("stopped");
        _logger?.Dispose();
        _lock?.Dispose();
    }

    /// <summary>Lets go of the data folder without stopping anything, as a crashed or killed orchestrator would.</summary>
    internal void AbandonForTesting()
    {
        _stopped = true;
        _logger?.Dispose();
        _lock?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_builder.Ephemeral)
        {
            try
            {
                Directory.Delete(_builder.DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A process that has not let go of a file yet: the temp folder is cleaned by the OS later.
            }
        }
    }

    private FileStream AcquireLock()
    {
        var path = Path.Combine(_builder.DataDirectory, "apphost.lock");
        try
        {
            return PrivateFiles.Open(path, FileMode.OpenOrCreate, FileShare.None, FileAccess.ReadWrite);
        }
        catch (IOException)
        {
            throw new InvalidOperationException(
                $"Another AppHost is already running with the data folder {_builder.DataDirectory}: stop it first, or set AppHost:DataDirectory to another folder.");
        }
    }

    public void PrintTable()
    {
        if (!ConsoleOutput)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"{"RESOURCE",-14} {"STATE",-9} {"PID",-8} URL");
        foreach (var resource in _builder.Resources.OfType<IRunnableResource>())
        {
            var pids = resource is ProjectResource p ? string.Join(',', p.ProcessIds) : resource.ProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine($"{resource.Name,-14} {resource.State,-9} {pids,-8} {resource.Url}");
        }

        Console.WriteLine();
    }

    /// <summary>Printed once everything is healthy: how to call the platform.</summary>
    public Func<string>? Welcome { get; set; }

    private void PrintWelcome()
    {
        if (ConsoleOutput && Welcome is not null)
        {
            Console.WriteLine(Welcome());
        }
    }
}
