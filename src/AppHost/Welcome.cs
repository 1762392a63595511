using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ArPlatform.AppHost;

internal static class Welcome
{
    /// <summary>
    /// On the console only, never in a log. The admin secret itself is shown on the start that generated it and on
    /// no other: later the command reads it from where Aspire keeps it.
    /// </summary>
    public static async Task<string> TextAsync(DistributedApplication app, IConfiguration configuration, TimeSpan startedIn)
    {
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var gateway = model.Resources.OfType<ProjectResource>().Single(p => p.Name == ResourceNames.Gateway).GetEndpoint("http").Url;
        var dashboard = configuration["ASPNETCORE_URLS"]?.Split(';')[0];
        var secrets = UserSecretsFile();
        var parameter = model.Resources.OfType<ParameterResource>()
            .Single(p => p.Name == ResourceNames.AdminClientSecret);
        var (secret, where) = AdminSecret.GeneratedThisStart
            ? ($"'{await parameter.GetValueAsync(default)}'",
                $"The platform-admin secret was generated and kept in {secrets} (mode 600); it is shown this once.")
            : configuration[$"Parameters__{ResourceNames.AdminClientSecret}"] is null && secrets is not null && File.Exists(secrets)
                ? ($"\"$(sed -n 's/.*\"Parameters:{ResourceNames.AdminClientSecret}\": \"\\([^\"]*\\)\".*/\\1/p' {secrets})\"",
                    $"The platform-admin secret is kept in {secrets}.")
                : ("\"$ADMIN_SECRET\"", $"ADMIN_SECRET: the platform-admin secret you set (Parameters__{ResourceNames.AdminClientSecret}).");
        return $"""
            ArPlatform is running (all resources healthy {startedIn.TotalSeconds:F1} s after start).
            Gateway: {gateway}   API reference: {gateway}/docs   Aspire dashboard: {dashboard} (log in with the link Aspire printed above)
            {where}
            Get a platform-admin token:
              curl -s {gateway}/connect/token -d grant_type=client_credentials -d client_id=platform-admin -d client_secret={secret}
            The README walks through creating a tenant, a client and a first invoice. Ctrl+C stops everything.
            """;
    }

    private static string? UserSecretsFile()
    {
        var id = typeof(Welcome).Assembly.GetCustomAttributes(typeof(Microsoft.Extensions.Configuration.UserSecrets.UserSecretsIdAttribute), false)
            .OfType<Microsoft.Extensions.Configuration.UserSecrets.UserSecretsIdAttribute>().FirstOrDefault()?.UserSecretsId;
        return id is null ? null : Microsoft.Extensions.Configuration.UserSecrets.PathHelper.GetSecretsPathFromSecretsId(id);
    }
}
