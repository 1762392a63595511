using ArPlatform.ServiceDefaults;
using ArPlatform.ServiceDefaults.Security;
using Yarp.ReverseProxy.Configuration;

namespace ArPlatform.Gateway.Routing;

/// <summary>A public path prefix, the service behind it and the scopes that reading and writing need.</summary>
public sealed record ServiceRoute(string Prefix, string Service, string? ReadScope, string? WriteScope);

/// <summary>
/// The gateway's routing table. Destinations come from service discovery configuration
/// (services__{name}__http__N, as Aspire and Kubernetes provide), never from URLs in the gateway's own config.
/// </summary>
public static class GatewayRoutes
{
    /// <summary>YARP's reserved policy name for routes that need no token.</summary>
    public const string Anonymous = "anonymous";

    public static readonly IReadOnlyList<ServiceRoute> Routes =
    [
        new("/connect", ResourceNames.Identity, null, null),
        new("/api/v1/tenants", ResourceNames.Identity, Scopes.PlatformAdmin, Scopes.PlatformAdmin),
        new("/api/v1/users", ResourceNames.Identity, Scopes.PlatformAdmin, Scopes.PlatformAdmin),
        new("/set-password", ResourceNames.Identity, null, null),
        new("/signin", ResourceNames.Identity, null, null),
        // The workbench signs people in itself (its cookie, Identity's tokens) and calls the API back through here.
        new("/app", ResourceNames.Workbench, null, null),
        new("/api/v1/customers", ResourceNames.Customers, Scopes.CustomersRead, Scopes.CustomersWrite),
        new("/api/v1/invoices", ResourceNames.Invoices, Scopes.InvoicesRead, Scopes.InvoicesWrite),
        new("/api/v1/payments", ResourceNames.Invoices, Scopes.InvoicesRead, Scopes.InvoicesWrite),
        new("/api/v1/credit-notes", ResourceNames.Invoices, Scopes.InvoicesRead, Scopes.InvoicesWrite),
        new("/api/v1/debit-notes", ResourceNames.Invoices, Scopes.InvoicesRead, Scopes.InvoicesWrite),
        new("/api/v1/statements", ResourceNames.Invoices, Scopes.InvoicesRead, Scopes.InvoicesWrite),
        new("/api/v1/collections", ResourceNames.Collections, Scopes.CollectionsRead, Scopes.CollectionsWrite),
        // Configuration is not collection: what a client's customers receive, where disputes go and what strategies do.
        new("/api/v1/collections/templates", ResourceNames.Collections, Scopes.CollectionsRead, Scopes.CollectionsAdmin),
        new("/api/v1/collections/settings", ResourceNames.Collections, Scopes.CollectionsRead, Scopes.CollectionsAdmin),
        new("/api/v1/collections/strategies", ResourceNames.Collections, Scopes.CollectionsRead, Scopes.CollectionsAdmin),
        // A client's approver resolves a dispute with a credit without being a collector; Collections checks which right allows what.
        new("/api/v1/collections/disputes", ResourceNames.Collections, Scopes.CollectionsRead, Scopes.AnyOf(Scopes.CollectionsWrite, Scopes.CreditsApprove)),
        new("/api/v1/documents", ResourceNames.Documents, Scopes.DocumentsRead, Scopes.DocumentsWrite),
        new("/api/v1/reports", ResourceNames.Reporting, Scopes.ReportsRead, Scopes.ReportsWrite),
        new("/api/v1/reports/aging/buckets", ResourceNames.Reporting, Scopes.ReportsRead, Scopes.CollectionsAdmin),
    ];

    /// <summary>Every authorization policy the routes name.</summary>
    public static IReadOnlyList<string> Policies => [.. Routes.SelectMany(r => new[] { r.ReadScope, r.WriteScope }).OfType<string>().Distinct()];

    public static IReadOnlyList<string> Services => [.. Routes.Select(r => r.Service).Distinct()];

    /// <summary>The services with an API (and an OpenAPI document): all but the workbench.</summary>
    public static IReadOnlyList<string> ApiServices => [.. Services.Where(s => s != ResourceNames.Workbench)];

    private static readonly string[] ReadMethods = ["GET", "HEAD"];
    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    public static IReadOnlyList<RouteConfig> BuildRoutes()
    {
        var routes = new List<RouteConfig>();
        foreach (var route in Routes)
        {
            var name = route.Prefix.Trim('/').Replace('/', '-');
            var path = route.Prefix + "/{**rest}";
            if (route.ReadScope is null)
            {
                routes.Add(new RouteConfig { RouteId = name, ClusterId = route.Service, AuthorizationPolicy = Anonymous, Match = new RouteMatch { Path = path } });
                continue;
            }

            routes.Add(new RouteConfig { RouteId = name + "-read", ClusterId = route.Service, AuthorizationPolicy = route.ReadScope, Match = new RouteMatch { Path = path, Methods = ReadMethods } });
            routes.Add(new RouteConfig { RouteId = name + "-write", ClusterId = route.Service, AuthorizationPolicy = route.WriteScope, Match = new RouteMatch { Path = path, Methods = WriteMethods } });
        }

        // Each service's OpenAPI document, public, at /openapi/{service}.json.
        foreach (var service in ApiServices)
        {
            routes.Add(new RouteConfig
            {
                RouteId = $"openapi-{service}",
                ClusterId = service,
                AuthorizationPolicy = Anonymous,
                Match = new RouteMatch { Path = $"/openapi/{service}.json", Methods = ReadMethods },
                Transforms = [new Dictionary<string, string> { ["PathSet"] = "/openapi/v1.json" }],
            });
        }

        return routes;
    }

    public static IReadOnlyList<ClusterConfig> BuildClusters(IConfiguration configuration) =>
        [.. Services.Select(service => new ClusterConfig
        {
            ClusterId = service,
            LoadBalancingPolicy = "RoundRobin",
            HealthCheck = new HealthCheckConfig { Passive = new PassiveHealthCheckConfig { Enabled = true } },
            Destinations = Destinations(configuration, service),
        })];

    private static Dictionary<string, DestinationConfig> Destinations(IConfiguration configuration, string service)
    {
        var endpoints = configuration.GetSection($"services:{service}:http").GetChildren()
            .Concat(configuration.GetSection($"services:{service}:https").GetChildren())
            .Select(e => e.Value)
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .ToList();
        if (endpoints.Count == 0)
        {
            throw new InvalidOperationException(
                $"No endpoint for service '{service}': set services__{service}__http__0 (the AppHost does this for every referenced project).");
        }

        return endpoints.Select((url, i) => (url, i)).ToDictionary(e => $"{service}-{e.i}", e => new DestinationConfig { Address = e.url! });
    }
}
