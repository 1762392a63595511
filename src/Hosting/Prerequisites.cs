namespace ArPlatform.Hosting;

/// <summary>Checks for the Debian packages a server resource runs from and says how to install what is missing.</summary>
public static class Prerequisites
{
    public static string Require(string package, params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new MissingPrerequisiteException(package, candidates[0]);
    }

    public static string PostgresBin(string tool)
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).ToArray()
            : [];
        return Require("postgresql", [.. versions.Select(v => Path.Combine(v, "bin", tool)), "/usr/lib/postgresql/15/bin/" + tool]);
    }
}

public sealed class MissingPrerequisiteException(string package, string path)
    : Exception($"'{path}' was not found: the Debian package '{package}' is missing. Install it with: " +
                $"sudo apt-get update && sudo apt-get install -y {package}   (or run deploy/prereqs.sh, which installs everything the platform needs)")
{
    public string Package { get; } = package;
}
