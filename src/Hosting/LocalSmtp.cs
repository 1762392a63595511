using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace ArPlatform.Hosting;

/// <summary>
/// smtp4dev (the dotnet tool of dotnet-tools.json) as a local SMTP server with a web inbox: it accepts every message
/// and delivers none, so a developer or a test reads what the platform sent.
/// </summary>
public sealed class LocalSmtpResource(string name, string command, string directory)
    : ExecutableResource(name, command, directory), IResourceWithConnectionString
{
    internal const string SmtpEndpointName = "smtp";

    public EndpointReference SmtpEndpoint => new(this, SmtpEndpointName);

    public EndpointReference InboxEndpoint => new(this, "http");

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Endpoint=smtp://127.0.0.1:{SmtpEndpoint.Property(EndpointProperty.Port)}");
}

public static class LocalSmtpExtensions
{
    private const string Tool = "rnwood.smtp4dev";
    private const string ToolVersion = "3.15.0";

    public static IResourceBuilder<LocalSmtpResource> AddLocalSmtp(this IDistributedApplicationBuilder builder, string name, LocalServerSettings settings)
    {
        var directory = Path.Combine(settings.DataDirectory, name);
        var (smtpPort, inboxPort) = (Ports.Free(), Ports.Free());
        var mail = new LocalSmtpResource(name, "dotnet", directory);
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(mail, (_, _) =>
        {
            PrivateFiles.CreateFolder(directory);
            return Task.CompletedTask;
        });
        return builder.AddResource(mail)
            .WithArgs("exec", ToolAssembly(),
                $"--urls=http://127.0.0.1:{inboxPort.ToString(CultureInfo.InvariantCulture)}",
                $"--smtpport={smtpPort.ToString(CultureInfo.InvariantCulture)}", "--bindaddress=127.0.0.1", "--disableipv6",
                "--imapport=", "--pop3port=", "--tlsmode=None", "--hostname=localhost", "--nousersettings",
                $"--db={Path.Combine(directory, "smtp4dev.db")}", $"--baseappdatapath={directory}")
            .WithEndpoint(port: smtpPort, targetPort: smtpPort, name: LocalSmtpResource.SmtpEndpointName, scheme: "tcp", isProxied: false)
            .WithHttpEndpoint(port: inboxPort, targetPort: inboxPort, name: "http", isProxied: false)
            .WithHttpHealthCheck("/api/server")
            .WithIconName("Mail")
            .ExcludeFromManifest();
    }

    /// <summary>The tool's assembly in the NuGet packages folder, where <c>dotnet tool restore</c> puts it.</summary>
    private static string ToolAssembly()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var assembly = Path.Combine(packages, $"{Tool}.linux-x64", ToolVersion, "tools", "net10.0", "linux-x64", "Rnwood.Smtp4dev.dll");
        return File.Exists(assembly)
            ? assembly
            : throw new InvalidOperationException($"{assembly} was not found: the dotnet tool {Tool} {ToolVersion} is not restored. " +
                "Run 'dotnet tool restore' in the repository (deploy/prereqs.sh does).");
    }
}
