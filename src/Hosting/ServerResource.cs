namespace ArPlatform.Hosting;

/// <summary>A server that runs as one local process (PostgreSQL, RabbitMQ, Redis).</summary>
public abstract class ServerResource(string name) : IRunnableResource
{
    // Ports are chosen free and bound a moment later by the server: another process (tests run in parallel) can take one
    // in between, and the server exits at once ("port already used"). Such a start is retried on new ports.
    private const int StartAttempts = 3;
    private ManagedProcess? _process;
    private int _failedStarts;

    public string Name { get; } = name;

    public ResourceState State { get; protected set; }

    public abstract string? Url { get; }

    public int? ProcessId => _process?.Id;

    public IReadOnlyList<IRunnableResource> WaitsFor => [];

    /// <summary>Container image used when the topology is published (the manifest), not when run locally.</summary>
    public abstract string Image { get; }

    protected RunContext? Context { get; private set; }

    public async Task StartAsync(RunContext context, CancellationToken cancellationToken)
    {
        Context = context;
        State = ResourceState.Starting;
        await PrepareAsync(context, cancellationToken);
        var (file, args, env) = Command(context);
        _process = ManagedProcess.Start(Name, Name, file, args, env, context.ResourceDirectory(Name), context);
        State = ResourceState.Running;
    }

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        if (_process is { HasExited: true })
        {
            if (++_failedStarts < StartAttempts && Context is { } context)
            {
                context.Logger.Info($"{Name} exited with code {_process.ExitCode} while starting; starting it again on new ports");
                ForgetPorts();
                await StartAsync(context, cancellationToken);
                return false;
            }

            State = ResourceState.Failed;
            throw new InvalidOperationException(
                $"{Name} exited with code {_process.ExitCode} while starting; see {Context?.Logger.LogFile(Name)}.");
        }

        try
        {
            return await CheckHealthAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process is null)
        {
            return;
        }

        State = ResourceState.Stopping;
        await _process.StopAsync(StopSignal, TimeSpan.FromSeconds(60));
        await AfterStopAsync();
        State = ResourceState.Stopped;
    }

    protected virtual int StopSignal => ManagedProcess.SigTerm;

    protected virtual Task PrepareAsync(RunContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Makes the next <see cref="PrepareAsync"/> choose new ports (for a server that keeps its ports across restarts).</summary>
    protected virtual void ForgetPorts()
    {
    }

    protected abstract (string File, IEnumerable<string> Arguments, IReadOnlyDictionary<string, string?> Environment) Command(RunContext context);

    protected abstract Task<bool> CheckHealthAsync(CancellationToken cancellationToken);

    protected virtual Task AfterStopAsync() => Task.CompletedTask;

    /// <summary>Runs a short command to completion and returns its output; throws with that output on failure.</summary>
    protected static async Task<string> RunToCompletionAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null, string? workingDirectory = null)
    {
        var info = new System.Diagnostics.ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env ?? new Dictionary<string, string?>())
        {
            info.Environment[k] = v;
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', info.ArgumentList)}' failed with exit code {process.ExitCode}: {output}");
        }

        return output;
    }

    /// <summary>Arguments that run <paramref name="file"/> as <paramref name="user"/> when we are root.</summary>
    protected static (string File, List<string> Arguments) AsUser(string user, string file, IEnumerable<string> args)
    {
        if (!ManagedProcess.IsRoot)
        {
            return (file, args.ToList());
        }

        return ("/usr/bin/setpriv", [$"--reuid={user}", $"--regid={user}", "--init-groups", "--", file, .. args]);
    }
}
