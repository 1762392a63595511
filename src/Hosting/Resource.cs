namespace ArPlatform.Hosting;

/// <summary>A named part of the topology, as in Aspire.</summary>
public interface IResource
{
    string Name { get; }
}

/// <summary>A resource other resources can reference through <c>ConnectionStrings__{name}</c>.</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>The connection string as an expression over other resources, for the manifest.</summary>
    string ConnectionStringExpression { get; }

    /// <summary>The connection string of the running resource.</summary>
    string GetConnectionString();
}

/// <summary>A resource that is started and can be waited for.</summary>
public interface IRunnableResource : IResource
{
    ResourceState State { get; }
    string? Url { get; }
    int? ProcessId { get; }
    IReadOnlyList<IRunnableResource> WaitsFor { get; }
    Task StartAsync(RunContext context, CancellationToken cancellationToken);
    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
    Task StopAsync(CancellationToken cancellationToken);
}

public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Healthy,
    Stopping,
    Stopped,
    Failed,
}

/// <summary>A parent resource that owns child resources (a server and its databases).</summary>
public interface IResourceWithParent : IResource
{
    IResource Parent { get; }
}

public interface IResourceBuilder<out T> where T : IResource
{
    T Resource { get; }
    DistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed class ResourceBuilder<T>(T resource, DistributedApplicationBuilder builder) : IResourceBuilder<T>
    where T : IResource
{
    public T Resource { get; } = resource;
    public DistributedApplicationBuilder ApplicationBuilder { get; } = builder;
}
