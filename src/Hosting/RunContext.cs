namespace ArPlatform.Hosting;

/// <summary>What a resource needs to run: where its files go and where its output is written.</summary>
public sealed class RunContext
{
    public RunContext(string dataDirectory, ResourceLogger logger, bool durable)
    {
        DataDirectory = dataDirectory;
        Logger = logger;
        Durable = durable;
        PrivateFiles.CreateFolder(DataDirectory);
        PrivateFiles.CreateFolder(RunDirectory);
    }

    /// <summary>Root of every resource's data, logs and pid files.</summary>
    public string DataDirectory { get; }

    public string RunDirectory => Path.Combine(DataDirectory, "run");

    public string LogDirectory => Path.Combine(DataDirectory, "logs");

    public ResourceLogger Logger { get; }

    /// <summary>False for test hosts whose data is thrown away: durability settings can be relaxed.</summary>
    public bool Durable { get; }

    /// <summary>ASPNETCORE_ENVIRONMENT for projects.</summary>
    public string EnvironmentName { get; init; } = "Development";

    public string ResourceDirectory(string name)
    {
        return PrivateFiles.CreateFolder(Path.Combine(DataDirectory, name));
    }
}
