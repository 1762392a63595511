using Aspire.Hosting;
using Microsoft.Extensions.Configuration;

namespace ArPlatform.Hosting;

/// <summary>
/// Where the local servers keep their data and how durably they write it. Configured by <c>AppHost:DataDirectory</c>
/// (default: <c>.data/</c> at the repository's root) and <c>AppHost:Durable</c> (default true; tests whose data is
/// thrown away turn fsync, synchronous commit and Redis' append-only file off).
/// </summary>
public sealed record LocalServerSettings(string DataDirectory, bool Durable)
{
    public static LocalServerSettings From(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration["AppHost:DataDirectory"];
        var directory = configured ?? Path.Combine(FindRepositoryRoot() ?? builder.AppHostDirectory, ".data");
        return new LocalServerSettings(Path.GetFullPath(directory), builder.Configuration.GetValue("AppHost:Durable", true));
    }

    /// <summary>A server's own folder under the data folder (0700, created on first use).</summary>
    public string ResourceDirectory(string name) => PrivateFiles.CreateFolder(Path.Combine(DataDirectory, name));

    /// <summary>The folder holding ArPlatform.sln, found by walking up from the running program.</summary>
    public static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ArPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
