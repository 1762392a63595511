using ArPlatform.Hosting;
using ArPlatform.ServiceDefaults;

namespace ArPlatform.AppHost;

internal static class Welcome
{
    public static string Text(DistributedApplication app)
    {
        var gateway = app.GetEndpoint(ResourceNames.Gateway).ToString().TrimEnd('/');
        var secret = app.Resource<ParameterResource>(ResourceNames.AdminClientSecret).Value;
        return $"""
            ArPlatform is running. Gateway: {gateway}   API reference: {gateway}/docs
            Get a platform-admin token:
              curl -s {gateway}/connect/token -d grant_type=client_credentials -d client_id=platform-admin -d client_secret='{secret}'
            The README walks through creating a tenant, a client and a first invoice.
            """;
    }
}
