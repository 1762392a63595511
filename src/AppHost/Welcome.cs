using ArPlatform.Hosting;
using ArPlatform.ServiceDefaults;

namespace ArPlatform.AppHost;

internal static class Welcome
{
    /// <summary>
    /// On the console only, never in a log. The admin secret itself is shown on the start that generated it and on
    /// no other: later the command reads it from where it is kept.
    /// </summary>
    public static string Text(DistributedApplication app)
    {
        var gateway = app.GetEndpoint(ResourceNames.Gateway).ToString().TrimEnd('/');
        var parameter = app.Resource<ParameterResource>(ResourceNames.AdminClientSecret);
        var (secret, where) = parameter.Source switch
        {
            ParameterSource.Generated => ($"'{parameter.Value}'",
                $"The platform-admin secret was generated and saved in {parameter.SavedIn} (mode 600); it is shown this once."),
            ParameterSource.Saved => ($"\"$(sed -n 's/.*\"{parameter.Name}\": \"\\([^\"]*\\)\".*/\\1/p' {parameter.SavedIn})\"",
                $"The platform-admin secret is kept in {parameter.SavedIn}."),
            _ => ("\"$ADMIN_SECRET\"", $"ADMIN_SECRET: the platform-admin secret you set (Parameters__{parameter.Name})."),
        };
        return $"""
            ArPlatform is running. Gateway: {gateway}   API reference: {gateway}/docs
            {where}
            Get a platform-admin token:
              curl -s {gateway}/connect/token -d grant_type=client_credentials -d client_id=platform-admin -d client_secret={secret}
            The README walks through creating a tenant, a client and a first invoice.
            """;
    }
}
