using Microsoft.Extensions.Configuration;

namespace ArPlatform.AppHost;

/// <summary>The platform's topology: the one description the AppHost runs, the tests start and the manifest publishes.</summary>
public static class Topology
{
    public const int DefaultGatewayPort = 5080;

    /// <summary>
    /// Services fetch the identity service's signing keys over the internal network, which is plain HTTP
    /// (TLS ends at the ingress); tokens themselves are still validated in full.
    /// </summary>
    private const string InClusterMetadata = "Identity__RequireHttpsMetadata";

    public static void Define(IDistributedApplicationBuilder builder)
    {
        var servers = Servers.Add(builder);
        var identityDb = servers.Database(ResourceNames.IdentityDb);
        var customersDb = servers.Database(ResourceNames.CustomersDb);
        var invoicesDb = servers.Database(ResourceNames.InvoicesDb);
        var collectionsDb = servers.Database(ResourceNames.CollectionsDb);
        var documentsDb = servers.Database(ResourceNames.DocumentsDb);
        var reportingDb = servers.Database(ResourceNames.ReportingDb);
        var (cache, mail) = (servers.Cache, servers.Mail);
        var adminSecret = AdminSecret.Add(builder);
        // Encrypts the keys Identity and the workbench store (signing keys, data-protection key rings): ADR 0028.
        var keyEncryptionKey = builder.AddParameter("key-encryption-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true);
        var testClock = builder.AddParameter(ResourceNames.TestClock, () => builder.Configuration[$"Parameters:{ResourceNames.TestClock}"] ?? "false", publishValueAsDefault: true);

        IResourceBuilder<ProjectResource> Project<TProject>(string name, int? port = null) where TProject : IProjectMetadata, new() =>
            builder.AddProject<TProject>(name)
                .RunFromBuildOutput(new TProject())
                .WithHttpEndpoint(port: port, name: "http")
                .WithEndpoint("http", e => e.TargetHost = "127.0.0.1")
                .WithHttpHealthCheck("/health")
                .WithEnvironment(InClusterMetadata, "false")
                .WithEnvironment("Platform__TestClock", testClock)
                .WithReference(cache).WaitFor(cache)
                .WithReplicas(Replicas(builder, name));

        // A service's database as its own two roles and the broker as its own user, never as the superuser or the
        // broker's administrator (ADR 0026). Not WaitFor(messaging): the broker boots the slowest, and a service's bus
        // connects when it is up (the service is healthy only then) while the service itself starts meanwhile.
        IResourceBuilder<ProjectResource> OwnData<TProject>(string name, (IResourceBuilder<IResource> Resource, Hosting.ServiceDatabase Connections) database)
            where TProject : IProjectMetadata, new() =>
            Project<TProject>(name)
                .WaitFor(database.Resource)
                .WithEnvironment($"ConnectionStrings__{database.Connections.ConnectionName}", database.Connections.App)
                .WithEnvironment($"ConnectionStrings__{database.Connections.ConnectionName}{Hosting.ServiceDatabase.MigrationsSuffix}", database.Connections.Migrations)
                .WithEnvironment($"ConnectionStrings__{ResourceNames.Messaging}", servers.MessagingFor(name));

        var identity = OwnData<Projects.ArPlatform_Identity>(ResourceNames.Identity, identityDb)
            .WithEnvironment("Identity__AdminClientSecret", adminSecret)
            .WithEnvironment("Security__KeyEncryptionKey", keyEncryptionKey);

        IResourceBuilder<ProjectResource> Service<TProject>(string name, (IResourceBuilder<IResource>, Hosting.ServiceDatabase) database)
            where TProject : IProjectMetadata, new() =>
            OwnData<TProject>(name, database)
                .WithReference(mail).WaitFor(mail)
                // Not WaitFor(identity): a service fetches the signing keys when the first token arrives, and the
                // gateway, which waits for every service, lets none through before then.
                .WithReference(identity);

        var customers = Service<Projects.ArPlatform_Customers>(ResourceNames.Customers, customersDb);
        // Invoices asks Customers about a customer whose CustomerRegistered has not arrived yet.
        var invoices = Service<Projects.ArPlatform_Invoices>(ResourceNames.Invoices, invoicesDb).WithReference(customers);
        var collections = Service<Projects.ArPlatform_Collections>(ResourceNames.Collections, collectionsDb);
        var documents = Service<Projects.ArPlatform_Documents>(ResourceNames.Documents, documentsDb);
        var reporting = Service<Projects.ArPlatform_Reporting>(ResourceNames.Reporting, reportingDb);

        var gateway = Project<Projects.ArPlatform_Gateway>(ResourceNames.Gateway, builder.Configuration.GetValue("Gateway:Port", DefaultGatewayPort))
            .WithExternalHttpEndpoints();
        foreach (var service in new[] { identity, customers, invoices, collections, documents, reporting })
        {
            gateway.WithReference(service).WaitFor(service);
        }

        // Links Identity hands out (to set a password) and the workbench's sign-in addresses are on the address people
        // reach the platform at; in the manifest the operator sets Identity__PublicUrl and Workbench__PublicUrl to the ingress.
        identity.WithEnvironment("Identity__PublicUrl", gateway.GetEndpoint("http"));

        // The workbench is reached through the gateway (/app) and calls the API back through it, as the signed-in person.
        var workbench = Project<Projects.ArPlatform_Workbench>(ResourceNames.Workbench)
            .WithEnvironment("Workbench__PublicUrl", gateway.GetEndpoint("http"))
            .WithEnvironment("Workbench__ApiUrl", gateway.GetEndpoint("http"))
            .WithEnvironment("Security__KeyEncryptionKey", keyEncryptionKey);
        gateway.WithReference(workbench);

        if (builder.Configuration["Gateway:RateLimit:PermitLimit"] is { } permitLimit)
        {
            gateway.WithEnvironment("Gateway__RateLimit__PermitLimit", permitLimit);
        }

        // How often the daily-job runners look for new tenants and dates (a minute by default); tests shorten it.
        if (builder.Configuration["Jobs:Daily:PollInterval"] is { } pollInterval)
        {
            foreach (var service in new[] { customers, invoices, collections, documents, reporting })
            {
                service.WithEnvironment("Jobs__Daily__PollInterval", pollInterval);
            }
        }
    }

    /// <summary>Replicas per service from configuration (e.g. Replicas:invoices=3), one by default.</summary>
    private static int Replicas(IDistributedApplicationBuilder builder, string service) =>
        builder.Configuration.GetValue($"Replicas:{service}", 1);
}
