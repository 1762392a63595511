using ArPlatform.Hosting;
using ArPlatform.ServiceDefaults;
using Microsoft.Extensions.Configuration;

namespace ArPlatform.AppHost;

/// <summary>The platform's topology: the one description the AppHost runs, tests start and the manifest publishes.</summary>
public static class Topology
{
    public const int DefaultGatewayPort = 5080;

    /// <summary>
    /// Services fetch the identity service's signing keys over the internal network, which is plain HTTP
    /// (TLS ends at the ingress); tokens themselves are still validated in full.
    /// </summary>
    private const string InClusterMetadata = "Identity__RequireHttpsMetadata";

    public static void Define(DistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres(ResourceNames.Postgres);
        var identityDb = postgres.AddDatabase(ResourceNames.IdentityDb);
        var customersDb = postgres.AddDatabase(ResourceNames.CustomersDb);
        var invoicesDb = postgres.AddDatabase(ResourceNames.InvoicesDb);
        var collectionsDb = postgres.AddDatabase(ResourceNames.CollectionsDb);
        var documentsDb = postgres.AddDatabase(ResourceNames.DocumentsDb);
        var reportingDb = postgres.AddDatabase(ResourceNames.ReportingDb);
        var messaging = builder.AddRabbitMQ(ResourceNames.Messaging).WithManagementPlugin();
        var cache = builder.AddRedis(ResourceNames.Cache);
        var adminSecret = builder.AddParameter(ResourceNames.AdminClientSecret, secret: true, generate: true);

        var identity = builder.AddProject<Projects.ArPlatform_Identity>(ResourceNames.Identity)
            .WithReference(identityDb).WaitFor(identityDb)
            .WithReference(messaging).WaitFor(messaging)
            .WithReference(cache).WaitFor(cache)
            .WithEnvironment("Identity__AdminClientSecret", adminSecret)
            .WithEnvironment(InClusterMetadata, "false")
            .WithReplicas(Replicas(builder, ResourceNames.Identity));

        IResourceBuilder<ProjectResource> Service<TProject>(string name, IResourceBuilder<PostgresDatabaseResource> database)
            where TProject : IProjectMetadata, new() =>
            builder.AddProject<TProject>(name)
                .WithReference(database).WaitFor(database)
                .WithReference(messaging).WaitFor(messaging)
                .WithReference(cache).WaitFor(cache)
                .WithReference(identity).WaitFor(identity)
                .WithEnvironment(InClusterMetadata, "false")
                .WithReplicas(Replicas(builder, name));

        var customers = Service<Projects.ArPlatform_Customers>(ResourceNames.Customers, customersDb);
        // Invoices asks Customers about a customer whose CustomerRegistered has not arrived yet.
        var invoices = Service<Projects.ArPlatform_Invoices>(ResourceNames.Invoices, invoicesDb).WithReference(customers);
        var collections = Service<Projects.ArPlatform_Collections>(ResourceNames.Collections, collectionsDb);
        var documents = Service<Projects.ArPlatform_Documents>(ResourceNames.Documents, documentsDb);
        var reporting = Service<Projects.ArPlatform_Reporting>(ResourceNames.Reporting, reportingDb);

        var gateway = builder.AddProject<Projects.ArPlatform_Gateway>(ResourceNames.Gateway)
            .WithHttpEndpoint(port: builder.Configuration.GetValue("Gateway:Port", DefaultGatewayPort))
            .WithExternalHttpEndpoints()
            .WithReference(cache).WaitFor(cache)
            .WithEnvironment(InClusterMetadata, "false")
            .WithReplicas(Replicas(builder, ResourceNames.Gateway));
        foreach (var service in new[] { identity, customers, invoices, collections, documents, reporting })
        {
            gateway.WithReference(service).WaitFor(service);
        }

        if (builder.Configuration["Gateway:RateLimit:PermitLimit"] is { } permitLimit)
        {
            gateway.WithEnvironment("Gateway__RateLimit__PermitLimit", permitLimit);
        }
    }

    /// <summary>Replicas per service from configuration (e.g. Replicas:invoices=3), one by default.</summary>
    private static int Replicas(DistributedApplicationBuilder builder, string service) =>
        builder.Configuration.GetValue($"Replicas:{service}", 1);
}
