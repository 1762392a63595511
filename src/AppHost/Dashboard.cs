namespace ArPlatform.AppHost;

/// <summary>Where the Aspire dashboard listens by default: the same local URLs on every start.</summary>
internal static class Dashboard
{
    public static readonly Dictionary<string, string?> Defaults = new()
    {
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:18888",
        ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = "http://127.0.0.1:18889",
        ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = "http://127.0.0.1:18890",
        ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
    };
}
