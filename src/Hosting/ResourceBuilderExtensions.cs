namespace ArPlatform.Hosting;

/// <summary>The fluent methods of Aspire's hosting API that this topology uses.</summary>
public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null) =>
        builder.ApplicationBuilder.AddResource(builder.Resource.AddDatabase(name, databaseName ?? name));

    /// <summary>The management plugin is always enabled locally; this records the intent as Aspire does.</summary>
    public static IResourceBuilder<RabbitMQServerResource> WithManagementPlugin(this IResourceBuilder<RabbitMQServerResource> builder) => builder;

    public static IResourceBuilder<ProjectResource> WithReference(
        this IResourceBuilder<ProjectResource> builder, IResourceBuilder<IResourceWithConnectionString> source)
    {
        builder.Resource.ConnectionReferences.Add(source.Resource);
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithReference(
        this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ProjectResource> service)
    {
        builder.Resource.ServiceReferences.Add(service.Resource);
        return builder;
    }

    /// <summary>Starts this resource only once <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WaitFor<T>(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<T> dependency)
        where T : IResource
    {
        switch (dependency.Resource)
        {
            case IRunnableResource runnable:
                builder.Resource.AddWait(runnable);
                break;
            case IResourceWithParent { Parent: IRunnableResource parent }:
                builder.Resource.AddWait(parent);
                break;
            default:
                throw new InvalidOperationException($"'{dependency.Resource.Name}' cannot be waited for.");
        }

        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int? port = null)
    {
        builder.Resource.FixedPort = port;
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this IResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.External = true;
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string name, string value)
    {
        builder.Resource.Environment[name] = ValueExpression.Literal(value);
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(
        this IResourceBuilder<ProjectResource> builder, string name, IResourceBuilder<ParameterResource> parameter)
    {
        var p = parameter.Resource;
        builder.Resource.Environment[name] = new ValueExpression($"{{{p.Name}.value}}", () => p.Value);
        return builder;
    }
}
